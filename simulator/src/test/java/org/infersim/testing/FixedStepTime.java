package org.infersim.testing;

import java.util.ArrayList;
import java.util.List;
import org.infersim.model.performance.IterationShape;
import org.infersim.model.performance.StepTimeModel;

/** A step-time model whose iterations all take the same time, and which keeps what each one computed. */
public final class FixedStepTime implements StepTimeModel {
    /** What one iteration computed: prompt (or recomputed) tokens, decoding sequences, KV blocks swapped. */
    public record Step(long prefillTokens, long decodeTokens, long swappedBlocks) {}

    private final long ns;
    private final List<Step> steps = new ArrayList<>();

    public FixedStepTime(long ns) {
        this.ns = ns;
    }

    @Override
    public long stepTimeNs(IterationShape shape) {
        steps.add(new Step(shape.prefillTokens, shape.decodeTokens, shape.swappedBlocks));
        return ns;
    }

    /** The iterations run so far, in order. */
    public List<Step> steps() {
        return steps;
    }
}
