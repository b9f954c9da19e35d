package org.infersim.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * What one request stream (or all of them) experienced after warm-up. Goodput is the rate of
 * requests that met the SLO; without an SLO it equals the throughput. {@code sessions} is there
 * only for a workload of multi-turn sessions (and for all streams when one of them is).
 *
 * @param prefixCacheHitRate prompt tokens served from the prefix cache over prompt tokens, for the
 *                           requests that arrived in the window and started (null when none did)
 * @param prefillTokensSaved those prompt tokens served from the cache, which were not prefilled
 * @param rejectedByReason   the rejected requests by reason, such as
 *                           {@code "prompt longer than max model length 4096"}; absent when none was
 */
public record StreamSummary(
        String name,
        String deployment,
        long arrived,
        long completed,
        long rejected,
        long inFlight,
        LatencySummary ttftMs,
        LatencySummary tpotMs,
        LatencySummary itlMs,
        LatencySummary e2eMs,
        Double sloAttainment,
        double goodputRps,
        double throughputRps,
        double outputTokensPerSec,
        double promptTokensPerSec,
        long preemptions,
        Double prefixCacheHitRate,
        long prefillTokensSaved,
        @JsonInclude(JsonInclude.Include.NON_NULL) SessionSummary sessions,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> rejectedByReason) {

    public StreamSummary {
        // Kept in the order it was given (the metrics' sorted one), so that summaries are repeatable.
        rejectedByReason = rejectedByReason == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rejectedByReason));
    }
}
