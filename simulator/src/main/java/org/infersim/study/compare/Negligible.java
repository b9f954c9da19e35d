package org.infersim.study.compare;

/**
 * How small a difference between two policies is too small to act on, however significant: less
 * than {@code relative} of the figure's value under the policy it is compared with, and, for a
 * latency, less than {@code latencyMs} too (a 0.9 ms gain on a 72 ms p95 is real and worthless).
 *
 * @param relative  share of the compared policy's mean below which a difference is negligible
 * @param latencyMs difference in ms below which a latency difference is negligible
 */
public record Negligible(double relative, double latencyMs) {
    /** 2% and 1 ms: below what a planner would buy or change a policy for. */
    public static final Negligible DEFAULT = new Negligible(0.02, 1.0);

    public Negligible {
        if (!(relative >= 0) || !(latencyMs >= 0)) {
            throw new IllegalArgumentException("negligible thresholds must be at least 0");
        }
    }

    /** Whether {@code difference} on {@code figure}, where the compared policy's mean is {@code reference}, is negligible. */
    public boolean covers(ComparedFigure figure, double difference, double reference) {
        double size = Math.abs(difference);
        boolean small = size < relative * Math.abs(reference);
        return "ms".equals(figure.unit()) ? small && size < latencyMs : small;
    }
}
