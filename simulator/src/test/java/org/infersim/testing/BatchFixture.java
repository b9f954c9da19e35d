package org.infersim.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small base scenario and batch files beside it, in a temporary folder. */
public final class BatchFixture {
    public static final String BASE = """
            name: small
            seed: 17
            duration: 90s
            warmup: 10s
            cluster:
              pools:
                - name: gpus
                  gpu: h100-sxm
                  count: 2
            deployments:
              - name: chat
                model: llama-3.1-8b
                replicas: 1
            workloads:
              - name: users
                arrival: {type: poisson, rate: 4/s}
                promptTokens: {type: lognormal, mean: 1000, stddev: 400, max: 4000}
                outputTokens: {type: lognormal, mean: 200, stddev: 100, max: 1000}
            """;

    private BatchFixture() {}

    public static Path write(Path dir, String batchName, String batchText) throws IOException {
        Files.writeString(dir.resolve("small.yaml"), BASE);
        Path batch = dir.resolve(batchName);
        Files.writeString(batch, batchText);
        return batch;
    }
}
