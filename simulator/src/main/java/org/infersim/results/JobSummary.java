package org.infersim.results;

/**
 * One training or build job over the whole run (jobs are long; a warm-up window means nothing to
 * them). Times in seconds. Every second it held GPUs is one of: restart overhead, work lost to
 * evictions, or work done: {@code runningS = restartS + workLostS + workDoneS}.
 *
 * @param kind            {@code training} or {@code build}
 * @param priorityClass   the Run:ai class of its priority, or the number
 * @param state           {@code pending}, {@code running}, {@code terminating} (in its grace period),
 *                        {@code completed}, or {@code not-submitted} (submitAt after the end)
 * @param pool            the pool it ran on last; null if it never ran
 * @param firstStartedAtS null if it never started
 * @param completedAtS    null unless it completed
 * @param workS           work it needs uninterrupted
 * @param workDoneS       work done and kept (a checkpoint, or the current run's progress)
 * @param workLostS       work thrown away by evictions (done since the last checkpoint)
 * @param restartS        time spent reloading after resumes
 * @param runningS        time it held GPUs (grace periods and restarts included)
 * @param waitingS        time queued before it first started
 * @param preemptedS      time queued after evictions, waiting to resume
 * @param gpuHours        GPUs × time held
 * @param cost            those GPU-hours at the price of the pools it ran on
 */
public record JobSummary(
        String name,
        String kind,
        int priority,
        String priorityClass,
        boolean preemptible,
        int gpus,
        String pool,
        String state,
        double submittedAtS,
        Double firstStartedAtS,
        Double completedAtS,
        double workS,
        double workDoneS,
        double workLostS,
        double restartS,
        double runningS,
        double waitingS,
        double preemptedS,
        int preemptions,
        double gpuHours,
        double cost) {

    /** A builder, so that no call site is a row of bare numbers. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link JobSummary} field by field; a field not set is 0, false or null. */
    public static final class Builder {
        private String name;
        private String kind;
        private int priority;
        private String priorityClass;
        private boolean preemptible;
        private int gpus;
        private String pool;
        private String state;
        private double submittedAtS;
        private Double firstStartedAtS;
        private Double completedAtS;
        private double workS;
        private double workDoneS;
        private double workLostS;
        private double restartS;
        private double runningS;
        private double waitingS;
        private double preemptedS;
        private int preemptions;
        private double gpuHours;
        private double cost;

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder kind(String kind) {
            this.kind = kind;
            return this;
        }

        public Builder priority(int priority) {
            this.priority = priority;
            return this;
        }

        public Builder priorityClass(String priorityClass) {
            this.priorityClass = priorityClass;
            return this;
        }

        public Builder preemptible(boolean preemptible) {
            this.preemptible = preemptible;
            return this;
        }

        public Builder gpus(int gpus) {
            this.gpus = gpus;
            return this;
        }

        public Builder pool(String pool) {
            this.pool = pool;
            return this;
        }

        public Builder state(String state) {
            this.state = state;
            return this;
        }

        public Builder submittedAtS(double submittedAtS) {
            this.submittedAtS = submittedAtS;
            return this;
        }

        public Builder firstStartedAtS(Double firstStartedAtS) {
            this.firstStartedAtS = firstStartedAtS;
            return this;
        }

        public Builder completedAtS(Double completedAtS) {
            this.completedAtS = completedAtS;
            return this;
        }

        public Builder workS(double workS) {
            this.workS = workS;
            return this;
        }

        public Builder workDoneS(double workDoneS) {
            this.workDoneS = workDoneS;
            return this;
        }

        public Builder workLostS(double workLostS) {
            this.workLostS = workLostS;
            return this;
        }

        public Builder restartS(double restartS) {
            this.restartS = restartS;
            return this;
        }

        public Builder runningS(double runningS) {
            this.runningS = runningS;
            return this;
        }

        public Builder waitingS(double waitingS) {
            this.waitingS = waitingS;
            return this;
        }

        public Builder preemptedS(double preemptedS) {
            this.preemptedS = preemptedS;
            return this;
        }

        public Builder preemptions(int preemptions) {
            this.preemptions = preemptions;
            return this;
        }

        public Builder gpuHours(double gpuHours) {
            this.gpuHours = gpuHours;
            return this;
        }

        public Builder cost(double cost) {
            this.cost = cost;
            return this;
        }

        public JobSummary build() {
            return new JobSummary(name, kind, priority, priorityClass, preemptible, gpus, pool, state, submittedAtS,
                    firstStartedAtS, completedAtS, workS, workDoneS, workLostS, restartS, runningS, waitingS,
                    preemptedS, preemptions, gpuHours, cost);
        }
    }
}
