package org.infersim.cli;

import org.infersim.study.fidelity.Conditions;
import org.infersim.study.fidelity.EngineSettings;
import picocli.CommandLine.Option;

/**
 * What a benchmark's result JSON does not say about the run it measured, for the commands that
 * read users' measurements; the engine options are named as {@code vllm serve}'s.
 */
final class MeasurementOptions {
    @Option(names = "--gpu", paramLabel = "ID",
            description = "The catalog GPU the measured runs ran on (needed for JSON results, which do not say).")
    String gpu;

    @Option(names = "--tp", paramLabel = "N", defaultValue = "1",
            description = "Their tensor-parallel degree (default ${DEFAULT-VALUE}).")
    int tensorParallel;

    @Option(names = "--precision", paramLabel = "FORMAT", defaultValue = "bf16",
            description = "Their weight format: bf16, fp16, fp8, int8 or int4 (default ${DEFAULT-VALUE}).")
    String precision;

    @Option(names = "--model", paramLabel = "ID",
            description = "The catalog model or Hugging Face id served, instead of the one the file names.")
    String model;

    @Option(names = "--max-num-seqs", paramLabel = "N", description = "vLLM's max_num_seqs (default: vLLM's).")
    Integer maxNumSeqs;

    @Option(names = "--max-num-batched-tokens", paramLabel = "N",
            description = "vLLM's max_num_batched_tokens (default: vLLM's).")
    Integer maxNumBatchedTokens;

    @Option(names = "--max-model-len", paramLabel = "N", description = "vLLM's max_model_len (default: the model's context).")
    Integer maxModelLen;

    @Option(names = "--gpu-memory-utilization", paramLabel = "F",
            description = "vLLM's gpu_memory_utilization (default 0.9).")
    Double gpuMemoryUtilization;

    @Option(names = "--enable-prefix-caching", negatable = true,
            description = "Whether the server cached prompt prefixes (default: on, as vLLM V1).")
    Boolean prefixCaching;

    /** The conditions given; an IllegalArgumentException says which option is out of range. */
    Conditions conditions() {
        if (tensorParallel < 1) {
            throw new IllegalArgumentException("--tp " + tensorParallel + ": expected 1 or more");
        }
        return new Conditions(gpu, tensorParallel, precision, model,
                new EngineSettings(maxNumSeqs, maxNumBatchedTokens, maxModelLen, gpuMemoryUtilization, prefixCaching));
    }
}
