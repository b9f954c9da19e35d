package org.infersim.study;

/** Hears of each run as it ends, from whichever worker thread ran it. */
public interface BatchListener {
    BatchListener NONE = (row, done, total) -> { };

    void runFinished(BatchRow row, int done, int total);
}
