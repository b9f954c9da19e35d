package org.infersim.run;

/** Told how far a run has got in simulated time; used by the command line to show progress. */
@FunctionalInterface
public interface Progress {
    Progress NONE = (now, end) -> { };

    void update(long simulatedNs, long endNs);
}
