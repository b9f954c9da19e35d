package org.infersim.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.infersim.run.ScenarioValidation;

/**
 * Runs a study's runs on a pool of threads of this machine, each run single-threaded and
 * written to its own folder under {@code runs/}. Runs are independent, so the results do not
 * depend on the number of threads. Only each run's figures are kept in memory; a run whose
 * folder already holds the results of the same scenario text is not run again (resume).
 */
public final class BatchRunner implements RunExecutor {
    private final StudyRuns study;
    private final ScenarioValidation validation;
    private final int threads;

    /** @param validation how each run's scenario is loaded: the policies and catalogs of the process */
    public BatchRunner(StudyRuns study, ScenarioValidation validation, int threads) {
        this.study = study;
        this.validation = validation;
        this.threads = threads;
    }

    /** Runs every spec (or picks up its earlier result); rows come back in the order given. */
    @Override
    public List<BatchRow> run(List<RunSpec> specs, BatchListener listener) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, specs.size())), r -> {
            Thread t = new Thread(r, "infersim-batch");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger done = new AtomicInteger();
        try {
            List<Future<BatchRow>> futures = new ArrayList<>();
            for (RunSpec spec : specs) {
                futures.add(pool.submit(() -> {
                    BatchRow row = runOne(spec);
                    listener.runFinished(row, done.incrementAndGet(), specs.size());
                    return row;
                }));
            }
            List<BatchRow> rows = new ArrayList<>(specs.size());
            for (Future<BatchRow> f : futures) {
                rows.add(f.get());
            }
            return rows;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("batch interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a batch worker failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private BatchRow runOne(RunSpec spec) {
        String text = study.text(spec);
        BatchRow earlier = study.earlier(spec, text);
        if (earlier != null) {
            return earlier;
        }
        try {
            study.clear(spec);
            VariantRun.Outcome outcome = VariantRun.run(validation, text, study.name(spec), study.baseDir(),
                    study.folder(spec));
            return outcome.failure() != null ? study.failed(spec, text, outcome.failure())
                    : study.finished(spec, outcome.summary());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
