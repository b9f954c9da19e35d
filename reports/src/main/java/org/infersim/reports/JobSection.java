package org.infersim.reports;

import java.util.List;
import org.infersim.results.JobSummary;
import org.infersim.results.PriorityClassSummary;

/**
 * "Jobs": the training and batch jobs that shared the cluster with the serving, what GPU
 * preemption cost each (evictions, work lost, time waiting), and the GPU-hours of each priority
 * class. Only in runs that have jobs.
 */
final class JobSection extends RunSection {
    JobSection(RunPage p) {
        super(p);
    }

    @Override
    void add() {
        if (summary.jobs().isEmpty()) {
            return;
        }
        page.section("jobs", "Jobs");
        page.paragraph("Jobs that share the cluster with the serving. A job of a lower priority class is evicted "
                + "when a higher one needs its GPUs; it loses the work since its last checkpoint and waits to "
                + "resume. Times are over the whole run.");
        HtmlTable jobs = new HtmlTable("Job", "Class", "GPUs", "Pool", "State", "Running", "Waiting", "Preempted",
                "Work lost", "Done", "Evicted", "GPU-hours", "Cost")
                .explain(6, "Time submitted but without its GPUs, before its first start")
                .explain(7, "Time evicted, waiting to resume")
                .explain(8, "Work since the last checkpoint, lost at each eviction")
                .explain(9, "Share of its work done by the end of the run");
        for (JobSummary j : summary.jobs()) {
            jobs.row(List.of(HtmlTable.text(j.name()), HtmlTable.text(j.priorityClass() + " (" + j.priority() + ")"),
                    HtmlTable.number(j.gpus()), HtmlTable.text(j.pool()), HtmlTable.text(j.state()),
                    seconds(j.runningS()), seconds(j.waitingS()), seconds(j.preemptedS()), seconds(j.workLostS()),
                    pct(j.workS() == 0 ? 1.0 : j.workDoneS() / j.workS()), HtmlTable.number(j.preemptions()),
                    HtmlTable.number(j.gpuHours(), Figures.significant(j.gpuHours(), 3)),
                    HtmlTable.number(j.cost(), Figures.dollars(j.cost()))));
        }
        page.table(jobs);
        if (!summary.priorityClasses().isEmpty()) {
            HtmlTable classes = new HtmlTable("Priority class", "GPU-hours", "Cost");
            for (PriorityClassSummary c : summary.priorityClasses()) {
                classes.row(List.of(HtmlTable.text(c.name() + " (" + c.priority() + ")"),
                        HtmlTable.number(c.gpuHours(), Figures.significant(c.gpuHours(), 3)),
                        HtmlTable.number(c.cost(), Figures.dollars(c.cost()))));
            }
            page.heading("GPU-hours by priority class").table(classes);
        }
    }

    private static HtmlTable.Cell seconds(double s) {
        return HtmlTable.number(s, s == 0 ? "0 s" : Figures.duration(s));
    }
}
