package org.infersim.run;

import org.infersim.metrics.TimeSeries;
import org.infersim.results.RunSummary;

/** What one simulated run produced. */
public record RunResult(RunSummary summary, TimeSeries timeSeries, long eventsProcessed) {}
