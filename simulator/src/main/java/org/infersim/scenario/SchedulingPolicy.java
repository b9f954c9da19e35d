package org.infersim.scenario;

/** Order in which a replica admits waiting requests and picks preemption victims. */
public enum SchedulingPolicy {
    /** First come, first served; the victim is the newest running request. */
    FCFS,
    /** Most important first (higher priority value wins); the victim is the least important, then the newest. */
    PRIORITY
}
