package org.infersim.scenario;

/** What happens to a preempted sequence's KV blocks. */
public enum PreemptionMode {
    /** Blocks are freed; the sequence prefills its prompt and generated tokens again later. */
    RECOMPUTE,
    /** Blocks are copied to host memory over PCIe and copied back before it resumes. */
    SWAP
}
