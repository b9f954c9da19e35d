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
        double cost) {}
