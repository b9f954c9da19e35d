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
    static final String HEADER = "id,stream,outcome,arrival_s,prompt_tokens,output_tokens,generated_tokens,"
            + "ttft_ms,e2e_ms,tpot_ms,preemptions,replica\n";

    private final AtomicFile file;
    private final StringBuilder line = new StringBuilder(160);

    public RequestLog(Path target) throws IOException {
        this.file = new AtomicFile(target);
        file.writer().write(HEADER);
    }

    @Override
    public void accept(Request r, String stream, String outcome, long endNs) {
        line.setLength(0);
        boolean started = r.firstTokenNs() >= 0;
        double ttftMs = started ? (r.firstTokenNs() - r.arrivalNs()) / 1e6 : Double.NaN;
        double tpotMs = started && r.generated() > 1
                ? (endNs - r.firstTokenNs()) / 1e6 / (r.generated() - 1) : Double.NaN;
        line.append(r.id()).append(',')
                .append(Csv.text(stream)).append(',')
                .append(outcome).append(',')
                .append(Csv.number(r.arrivalNs() / 1e9)).append(',')
                .append(r.promptTokens()).append(',')
                .append(r.outputTokens()).append(',')
                .append(r.generated()).append(',')
                .append(Csv.number(ttftMs)).append(',')
                .append(Csv.number((endNs - r.arrivalNs()) / 1e6)).append(',')
                .append(Csv.number(tpotMs)).append(',')
                .append(r.preemptions()).append(',')
                .append(r.replica() < 0 ? "" : Integer.toString(r.replica())).append('\n');
        try {
            file.writer().write(line.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void commit() throws IOException {
        file.commit();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
