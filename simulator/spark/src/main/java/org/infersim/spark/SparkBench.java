package org.infersim.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.infersim.input.Quantities;
import org.infersim.run.BuiltInPolicies;
import org.infersim.run.ScenarioValidation;
import org.infersim.study.BatchListener;
import org.infersim.study.BatchPlan;
import org.infersim.study.BatchRow;
import org.infersim.study.BatchSpec;
import org.infersim.study.RunSpec;
import org.infersim.study.StudyRuns;
import org.infersim.study.Workers;
import org.infersim.study.batch.BatchFile;

/**
 * A batch file's runs on local threads and on Spark in local mode with as many cores, each into
 * a fresh folder, at a simulated duration of one's choosing: the wall time of each, Spark's
 * overhead per run, runs per minute, and the executors a sweep of one-day runs would need to end
 * in an hour (a run's time grows with the simulated time at a fixed load). Run by hand:
 * {@code java <spark-jvm.options> -cp ... org.infersim.spark.SparkBench BATCH DURATION CORES}.
 */
public final class SparkBench {
    private static final int SWEEP = 10_000;
    private static final double DAY_S = 86_400;
    private static final double HOUR_S = 3_600;

    private SparkBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: SparkBench BATCH_FILE DURATION CORES   (such as scenarios/chat-sessions.batch.yaml 5m 2)");
            System.exit(2);
        }
        BatchSpec spec = BatchFile.load(Path.of(args[0]));
        String duration = args[1];
        int cores = Integer.parseInt(args[2]);
        Map<String, JsonNode> fixed = new LinkedHashMap<>(spec.fixed());
        fixed.put("duration", JsonNodeFactory.instance.textNode(duration));
        fixed.put("warmup", JsonNodeFactory.instance.textNode("0s"));
        long seed = new ScenarioValidation(BuiltInPolicies.load(), List.of()).load(spec.base()).scenario().seed();
        List<RunSpec> runs = BatchPlan.runs(BatchPlan.variants(spec), spec.replications(), seed);
        Path scratch = Files.createTempDirectory("infersim-bench");
        String base = Files.readString(spec.base());

        Workers local = Workers.local(new ScenarioValidation(BuiltInPolicies.load(), List.of()), cores);
        // Once first, unmeasured, so that neither side pays for the JIT's warm-up.
        timed(local, new StudyRuns(base, spec.base(), fixed, spec.slo(), scratch.resolve("warm-up")), runs);
        double localS = timed(local, new StudyRuns(base, spec.base(), fixed, spec.slo(), scratch.resolve("local")), runs);
        double sparkS;
        long starting = System.nanoTime();
        try (SparkWorkers spark = new SparkWorkers("local[" + cores + "]", List.of())) {
            System.out.printf(Locale.ROOT, "Spark started in %.1f s (once per command)%n", (System.nanoTime() - starting) / 1e9);
            sparkS = timed(spark, new StudyRuns(base, spec.base(), fixed, spec.slo(), scratch.resolve("spark")), runs);
        }
        delete(scratch);

        int n = runs.size();
        double perRunS = localS * Math.min(cores, n) / n; // one core's time per run
        double dayRunS = perRunS * DAY_S / (Quantities.parseDurationNs(duration) / 1e9);
        double overheadS = (sparkS - localS) * Math.min(cores, n) / n;
        System.out.printf(Locale.ROOT, "%s: %d runs of %s simulated, %d cores%n", spec.name(), n, duration, cores);
        System.out.printf(Locale.ROOT, "  local threads   %7.1f s wall  %6.1f runs/min%n", localS, n / localS * 60);
        System.out.printf(Locale.ROOT, "  Spark local[%d]  %7.1f s wall  %6.1f runs/min%n", cores, sparkS, n / sparkS * 60);
        System.out.printf(Locale.ROOT, "  per run: %.2f s of one core; Spark's overhead %.2f s (%.0f%%)%n", perRunS,
                overheadS, 100 * overheadS / perRunS);
        System.out.printf(Locale.ROOT, "  a one-day run: about %.0f s of one core; %d of them in an hour need %d executor cores%n",
                dayRunS, SWEEP, (int) Math.ceil(SWEEP * (dayRunS + Math.max(0, overheadS)) / HOUR_S));
    }

    /** The wall time of the runs on the workers, in seconds; every run must succeed. */
    private static double timed(Workers workers, StudyRuns study, List<RunSpec> runs) {
        long start = System.nanoTime();
        List<BatchRow> rows = workers.executor(study).run(runs, BatchListener.NONE);
        double s = (System.nanoTime() - start) / 1e9;
        rows.stream().filter(r -> !r.ok()).findFirst().ifPresent(r -> {
            throw new IllegalStateException(r.run().id() + ": " + r.message());
        });
        return s;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
