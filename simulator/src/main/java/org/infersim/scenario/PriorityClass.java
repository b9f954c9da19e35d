package org.infersim.scenario;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Run:ai's priority classes (the KAI scheduler, kai-scheduler/KAI-Scheduler, docs/priority/README.md):
 * train 50, build-preemptible 75, build 100, inference 125. A higher priority is placed first and
 * may preempt lower ones; from 100 up a workload is not preemptible.
 */
public final class PriorityClass {
    public static final int TRAIN = 50;
    public static final int BUILD_PREEMPTIBLE = 75;
    public static final int BUILD = 100;
    public static final int INFERENCE = 125;
    /** Workloads at or above this priority are not preemptible (KAI scheduler). */
    public static final int NON_PREEMPTIBLE_FROM = 100;

    private static final Map<String, Integer> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put("train", TRAIN);
        NAMES.put("build-preemptible", BUILD_PREEMPTIBLE);
        NAMES.put("build", BUILD);
        NAMES.put("inference", INFERENCE);
    }

    private PriorityClass() {}

    /** The class names and their priorities, lowest first. */
    public static Map<String, Integer> names() {
        return java.util.Collections.unmodifiableMap(NAMES);
    }

    /** The class name of a priority, or the number itself when no class has it. */
    public static String label(int priority) {
        for (Map.Entry<String, Integer> e : NAMES.entrySet()) {
            if (e.getValue() == priority) {
                return e.getKey();
            }
        }
        return Integer.toString(priority);
    }

    /** Run:ai's rule: below 100 a workload may be preempted. */
    public static boolean preemptibleByDefault(int priority) {
        return priority < NON_PREEMPTIBLE_FROM;
    }
}
