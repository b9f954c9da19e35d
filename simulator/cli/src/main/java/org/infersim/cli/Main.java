package org.infersim.cli;

import java.nio.file.Path;
import java.util.List;
import org.infersim.plugin.Policies;
import org.infersim.run.BuiltInPolicies;
import org.infersim.run.ScenarioValidation;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code infersim}: the command line. Exit status 0 on success, 2 on bad input, 1 on an internal error. */
@Command(name = "infersim",
        mixinStandardHelpOptions = true,
        // Every subcommand answers --help too, as users type it.
        scope = CommandLine.ScopeType.INHERIT,
        version = "infersim 0.1.0",
        description = "Discrete-event simulator of GPU inference clusters serving large language models.",
        subcommands = {RunCommand.class, BatchCommand.class, CompareCommand.class, SizeCommand.class, ValidateCommand.class, ReportCommand.class, CatalogCommand.class, BenchCommand.class, FidelityCommand.class, CalibrateCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The policies scenarios may name, built-in and registered on the class path: scanned once per process. */
    private final Policies policies = BuiltInPolicies.load();

    /** How the subcommands load scenarios: with this process's policies and the catalogs given to the command. */
    ScenarioValidation validation(List<Path> catalogDirs) {
        return new ScenarioValidation(policies, catalogDirs);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (run, batch, compare, size, report, validate, catalog, bench, fidelity, calibrate)");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit status (tests call this instead of main). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (outOfMemory(ex)) {
                return ranOutOfMemory(commandLine.getErr());
            }
            commandLine.getErr().println("infersim: internal error: " + ex);
            if (System.getenv("INFERSIM_DEBUG") != null) {
                ex.printStackTrace(commandLine.getErr());
            } else {
                commandLine.getErr().println("(set INFERSIM_DEBUG=1 for the stack trace, and please report it)");
            }
            return 1;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // Thrown on this thread it passes picocli's handler, which takes exceptions only; by now
            // the run's objects are unreachable, so there is room to say what happened.
            return ranOutOfMemory(cl.getErr());
        }
    }

    /** Whether the failure is the heap running out, on this thread or on a worker of a batch. */
    private static boolean outOfMemory(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    /**
     * A run that needs more memory than the heap is asking too much of this machine, not a bug: it
     * is bad input (exit 2), told with what would make it fit.
     */
    private static int ranOutOfMemory(java.io.PrintWriter err) {
        long heapMb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        err.println("infersim: ran out of memory (a Java heap of " + heapMb + " MB): the run holds more requests"
                + " or samples than fit; try a shorter duration, a lower rate, a longer metricsInterval, or a larger"
                + " heap with -Xmx (java -Xmx16g -jar infersim.jar ..., or INFERSIM_JAVA_OPTS=-Xmx16g ./infersim ...)");
        err.flush();
        return BAD_INPUT;
    }
}
