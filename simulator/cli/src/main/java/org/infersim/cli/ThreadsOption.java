package org.infersim.cli;

import picocli.CommandLine.Option;

/** How many runs go at once, for the commands that run many; each run stays single-threaded. */
final class ThreadsOption {
    @Option(names = {"-j", "--threads"}, paramLabel = "N",
            description = "Runs at once (default: the number of cores). Results do not depend on it.")
    Integer threads;

    /** The number of threads, or -1 after saying why the option is wrong. */
    int workers(String command) {
        if (threads != null && threads < 1) {
            System.err.println("infersim " + command + ": --threads: expected at least 1, got " + threads);
            return -1;
        }
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }
}
