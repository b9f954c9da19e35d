package org.infersim.cli;

import java.util.Locale;
import org.infersim.study.BatchListener;
import org.infersim.study.BatchRow;

/**
 * A batch's progress on standard error: runs done of the total, the rate, the time left and the
 * failures so far. Redrawn in place on a terminal; one line per tenth of the batch otherwise, so
 * that CI logs stay short.
 */
final class BatchProgressBar implements BatchListener {
    private static final int WIDTH = 30;

    private final boolean quiet;
    private final boolean terminal = System.console() != null;
    private final long start = System.nanoTime();
    private int failed;
    private int resumed;
    private int lastTenth = -1;

    BatchProgressBar(boolean quiet) {
        this.quiet = quiet;
    }

    @Override
    public synchronized void runFinished(BatchRow row, int done, int total) {
        if (!row.ok()) {
            failed++;
        }
        if (row.resumed()) {
            resumed++;
        }
        if (quiet) {
            return;
        }
        int tenth = done * 10 / total;
        if (!terminal && tenth == lastTenth && done != total) {
            return;
        }
        lastTenth = tenth;
        double elapsedS = (System.nanoTime() - start) / 1e9;
        int fresh = done - resumed;
        double perMin = elapsedS > 0 ? fresh / elapsedS * 60 : 0;
        double leftS = fresh > 0 ? elapsedS / fresh * (total - done) : Double.NaN;
        int filled = done * WIDTH / total;
        String line = String.format(Locale.ROOT, "  [%s%s] %d/%d runs  %.1f runs/min  %s%s%s",
                "#".repeat(filled), ".".repeat(WIDTH - filled), done, total, perMin,
                Double.isNaN(leftS) ? "" : String.format(Locale.ROOT, "about %.0f s left", leftS),
                failed > 0 ? "  " + failed + " failed" : "", resumed > 0 ? "  " + resumed + " already done" : "");
        System.err.print(terminal ? "\r" + line + "   " : line + "\n");
        if (terminal && done == total) {
            System.err.println();
        }
        System.err.flush();
    }
}
