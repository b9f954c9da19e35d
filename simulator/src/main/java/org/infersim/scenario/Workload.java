package org.infersim.scenario;

/**
 * One stream of requests sent to one deployment.
 *
 * @param promptTokens ignored (null) when the arrival process is a trace, which carries lengths;
 *                     with shared parts or sessions, the length of the request's own message
 * @param outputTokens ignored (null) when the arrival process is a trace, which carries lengths
 * @param priority     higher is more important (the Run:ai convention), default 0
 * @param systemPrompt the shared system prompts its prompts start with; null for none
 * @param documents    the retrieved documents its prompts carry; null for none
 * @param session      its conversations, when each arrival starts one; null for single requests
 */
public record Workload(
        String name,
        String deployment,
        ArrivalSpec arrival,
        LengthSpec promptTokens,
        LengthSpec outputTokens,
        int priority,
        Slo slo,
        SystemPromptSpec systemPrompt,
        DocumentSpec documents,
        SessionSpec session) {

    public static final int DEFAULT_PRIORITY = 0;

    /** A workload of single requests whose prompts share nothing. */
    public Workload(String name, String deployment, ArrivalSpec arrival, LengthSpec promptTokens,
                    LengthSpec outputTokens, int priority, Slo slo) {
        this(name, deployment, arrival, promptTokens, outputTokens, priority, slo, null, null, null);
    }
}
