package org.infersim.reports;

import java.util.List;
import org.infersim.input.InvalidInputException;

/**
 * The report of one run: what was simulated, the headline figures, then the charts a reviewer
 * needs to believe them (latency distributions, and how load, latency, utilization and cost moved
 * through the run), then the per-replica and per-pool detail: one {@link RunSection} each, in
 * that order, on one page.
 */
final class RunReport {
    private RunReport() {}

    static String render(RunResults run) throws InvalidInputException {
        RunPage p = RunPage.of(run);
        List<RunSection> sections = List.of(new BriefSection(p), new HeadlineSection(p), new LatencySection(p),
                new TrafficSection(p), new UtilizationSection(p), new CostSection(p), new PowerSection(p),
                new ReplicaSection(p),
                new JobSection(p));
        for (RunSection s : sections) {
            s.add();
        }
        return p.page().render();
    }
}
