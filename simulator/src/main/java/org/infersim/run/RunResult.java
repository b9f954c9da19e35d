package org.infersim.run;

import java.util.List;
import org.infersim.metrics.TimeSeries;
import org.infersim.results.LatencyDistribution;
import org.infersim.results.RunSummary;

/** What one simulated run produced. */
public record RunResult(RunSummary summary, TimeSeries timeSeries, List<LatencyDistribution> latencies,
                        long eventsProcessed) {}
