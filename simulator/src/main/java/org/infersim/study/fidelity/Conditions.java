package org.infersim.study.fidelity;

/**
 * What a benchmark's result file does not say about the run it measured, given by whoever hands it
 * in: the GPU (a catalog id), the tensor-parallel degree, the precision, the engine settings and,
 * to override the model the file names, a catalog model id or Hugging Face id.
 *
 * @param gpu   null when not given; a JSON result is then refused, since nothing in it names the GPU
 * @param model null to take the model the file names
 */
public record Conditions(String gpu, int tensorParallel, String precision, String model, EngineSettings engine) {

    public Conditions {
        if (tensorParallel < 1) {
            throw new IllegalArgumentException("tensor parallel " + tensorParallel + ": expected 1 or more");
        }
        precision = precision == null ? "bf16" : precision;
        engine = engine == null ? EngineSettings.DEFAULTS : engine;
    }

    /** Nothing given: one GPU unnamed, bf16, vLLM's engine defaults. */
    public static final Conditions NONE = new Conditions(null, 1, "bf16", null, EngineSettings.DEFAULTS);
}
