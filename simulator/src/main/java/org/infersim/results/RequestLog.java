package org.infersim.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.infersim.metrics.RequestSink;
import org.infersim.model.serving.Request;

/**
 * {@code requests.csv}: one row per request as it finishes (completed or rejected), streamed to
 * disk so that memory does not grow with the run, and published only on {@link #commit()}.
 */
public final class RequestLog implements RequestSink, AutoCloseable {
    /** The columns, in file order. Latencies are empty for a request that never got a first token. */
    public enum Column implements CsvColumn {
        ID,
        STREAM,
        OUTCOME,
        ARRIVAL_S,
        PROMPT_TOKENS,
        OUTPUT_TOKENS,
        GENERATED_TOKENS,
        TTFT_MS,
        E2E_MS,
        TPOT_MS,
        PREEMPTIONS,
        REPLICA
    }

    private static final Column[] COLUMNS = Column.values();

    private final AtomicFile file;
    private final StringBuilder line = new StringBuilder(160);

    public RequestLog(Path target) throws IOException {
        this.file = new AtomicFile(target);
        file.writer().write(Csv.header(Column.values()) + "\n");
    }

    @Override
    public void accept(Request r, String stream, String outcome, long endNs) {
        try {
            file.writer().write(Csv.line(line, COLUMNS, c -> cell(c, r, stream, outcome, endNs)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cell(Column c, Request r, String stream, String outcome, long endNs) {
        boolean started = r.firstTokenNs() >= 0;
        return switch (c) {
            case ID -> Long.toString(r.id());
            case STREAM -> Csv.text(stream);
            case OUTCOME -> Csv.text(outcome);
            case ARRIVAL_S -> Csv.number(r.arrivalNs() / 1e9);
            case PROMPT_TOKENS -> Integer.toString(r.promptTokens());
            case OUTPUT_TOKENS -> Integer.toString(r.outputTokens());
            case GENERATED_TOKENS -> Integer.toString(r.generated());
            case TTFT_MS -> Csv.number(started ? (r.firstTokenNs() - r.arrivalNs()) / 1e6 : Double.NaN);
            case E2E_MS -> Csv.number((endNs - r.arrivalNs()) / 1e6);
            case TPOT_MS -> Csv.number(started && r.generated() > 1
                    ? (endNs - r.firstTokenNs()) / 1e6 / (r.generated() - 1) : Double.NaN);
            case PREEMPTIONS -> Integer.toString(r.preemptions());
            case REPLICA -> r.replica() < 0 ? "" : Integer.toString(r.replica());
        };
    }

    public void commit() throws IOException {
        file.commit();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
