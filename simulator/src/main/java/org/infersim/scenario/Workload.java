package org.infersim.scenario;

/**
 * One stream of requests sent to one deployment.
 *
 * @param promptTokens ignored (null) when the arrival process is a trace, which carries lengths
 * @param outputTokens ignored (null) when the arrival process is a trace, which carries lengths
 * @param priority     higher is more important (the Run:ai convention), default 0
 */
public record Workload(
        String name,
        String deployment,
        ArrivalSpec arrival,
        LengthSpec promptTokens,
        LengthSpec outputTokens,
        int priority,
        Slo slo) {

    public static final int DEFAULT_PRIORITY = 0;
}
