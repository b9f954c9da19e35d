package org.infersim.cli;

import org.infersim.run.Progress;

/**
 * Shows how far a run has got, on standard error, once it has taken more than two seconds of
 * wall time; silent for quick runs and when asked to be quiet.
 */
final class ProgressLine implements Progress {
    private static final long SHOW_AFTER_NS = 2_000_000_000L;
    private static final long EVERY_NS = 1_000_000_000L;

    private final boolean quiet;
    private final long start = System.nanoTime();
    private final boolean terminal = System.console() != null;
    private long lastShown;
    private boolean shown;

    ProgressLine(boolean quiet) {
        this.quiet = quiet;
    }

    @Override
    public void update(long simulatedNs, long endNs) {
        if (quiet) {
            return;
        }
        long now = System.nanoTime();
        long elapsed = now - start;
        if (elapsed < SHOW_AFTER_NS || now - lastShown < EVERY_NS) {
            return;
        }
        lastShown = now;
        shown = true;
        double fraction = (double) simulatedNs / endNs;
        double left = elapsed / 1e9 * (1 - fraction) / Math.max(fraction, 1e-9);
        String line = String.format("  simulated %5.1f%%  (%.0f of %.0f s)  about %.0f s left",
                fraction * 100, simulatedNs / 1e9, endNs / 1e9, left);
        System.err.print(terminal ? "\r" + line : line + "\n");
        System.err.flush();
    }

    void finish() {
        if (shown && terminal) {
            // Wipe the progress line so the summary table starts on a clean line.
            System.err.print("\r" + " ".repeat(72) + "\r");
            System.err.flush();
        }
    }
}
