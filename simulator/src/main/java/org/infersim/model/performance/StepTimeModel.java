package org.infersim.model.performance;

import java.util.List;
import org.infersim.input.InvalidInputException;
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

        /**
         * What stops {@link #create} from serving a deployment that may run as each of
         * {@code placements} says (one per GPU type it may land on), found when the scenario is
         * validated rather than in the middle of a run: one sentence a problem, none when it can.
         *
         * @throws InvalidInputException when a file its settings name cannot be read, with that file's problems
         */
        default List<String> check(Settings settings, List<ServedModel> placements) throws InvalidInputException {
            return List.of();
        }
    }
}
