package org.infersim.model.performance;

import org.infersim.plugin.PolicyFamily;
import org.infersim.plugin.PolicyProvider;
import org.infersim.plugin.Settings;

/**
 * How long one engine iteration of a replica takes, from what the iteration computes. Called once
 * per iteration: an implementation allocates nothing per call.
 */
public interface StepTimeModel {
    /** Duration of one iteration in nanoseconds; also fills {@code shape.flops} and {@code shape.bytes}. */
    long stepTimeNs(IterationShape shape);

    /** Makes the step-time model a deployment names ({@code deployments[].stepTime}). */
    interface Provider extends PolicyProvider {
        @Override
        default PolicyFamily family() {
            return PolicyFamily.STEP_TIME;
        }

        /** A model for one replica of a deployment, served as {@code served} says. */
        StepTimeModel create(Settings settings, ServedModel served);
    }
}
