package org.infersim.scenario;

import java.util.OptionalLong;

/** Latency targets a request must meet to count as good: time to first token, time per output token. */
public record Slo(OptionalLong ttftNs, OptionalLong tpotNs) {
    public static final Slo NONE = new Slo(OptionalLong.empty(), OptionalLong.empty());

    public boolean isEmpty() {
        return ttftNs.isEmpty() && tpotNs.isEmpty();
    }
}
