package org.infersim.scenario;

/** What a non-inference workload is, which sets its default priority class. */
public enum JobType {
    TRAINING(PriorityClass.TRAIN),
    BUILD(PriorityClass.BUILD);

    private final int defaultPriority;

    JobType(int defaultPriority) {
        this.defaultPriority = defaultPriority;
    }

    public int defaultPriority() {
        return defaultPriority;
    }

    /** As written in scenarios and results: {@code training}, {@code build}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
