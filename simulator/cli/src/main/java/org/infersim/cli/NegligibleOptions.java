package org.infersim.cli;

import org.infersim.input.Quantities;
import org.infersim.study.compare.Negligible;
import picocli.CommandLine.Option;

/** The practical threshold below which a significant difference is called negligible, for the commands that compare. */
final class NegligibleOptions {
    @Option(names = "--negligible", paramLabel = "SHARE", defaultValue = "2%",
            description = "A significant difference smaller than this share of the figure it is compared with is reported "
                    + "as negligible, with neither side better (default: ${DEFAULT-VALUE}).")
    String share;

    @Option(names = "--negligible-latency", paramLabel = "DURATION", defaultValue = "1ms",
            description = "...and, for a latency, smaller than this too (default: ${DEFAULT-VALUE}).")
    String latency;

    /** The threshold, or null after saying why an option is wrong. */
    Negligible threshold(String command) {
        try {
            return new Negligible(Quantities.parseShare(share), Quantities.parseDurationNs(latency) / 1e6);
        } catch (IllegalArgumentException e) {
            System.err.println("infersim " + command + ": --negligible/--negligible-latency: " + e.getMessage()
                    + " (a share such as 2% and a duration such as 1ms)");
            return null;
        }
    }
}
