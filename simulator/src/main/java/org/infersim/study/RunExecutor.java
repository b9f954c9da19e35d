package org.infersim.study;

import java.util.List;

/**
 * Runs runs of one study and gives back their rows in the order given, picking up complete
 * earlier results instead of running them again (resume). Where the runs execute is the
 * implementation's: local threads ({@link BatchRunner}) or a cluster (see {@link Workers}).
 * Each run stays single-threaded and deterministic, so the rows do not depend on it.
 */
public interface RunExecutor {
    List<BatchRow> run(List<RunSpec> specs, BatchListener listener);
}
