package org.infersim.scenario;

/**
 * Where a replica's weights are read from at start, with a default read bandwidth for the whole
 * replica. Defaults: local NVMe 5 GB/s (ServerlessLLM,
 * OSDI'24: 130 GB in about 26 s at 5 GB/s); network file system 1.67 GB/s (Llama-2-70B, 140 GB,
 * in 84 s with stock loaders); object store 1.79 GB/s (run-ai/runai-model-streamer #135: 69 GiB
 * in 41.5 s with a streaming loader). Each can be overridden per deployment.
 */
public enum StorageTier {
    LOCAL_NVME("local-nvme", 5.0e9),
    NETWORK_FS("network-fs", 140e9 / 84),
    OBJECT_STORE("object-store", 69 * 1024.0 * 1024 * 1024 / 41.5);

    private final String label;
    private final double bytesPerSec;

    StorageTier(String label, double bytesPerSec) {
        this.label = label;
        this.bytesPerSec = bytesPerSec;
    }

    public String label() {
        return label;
    }

    public double bytesPerSec() {
        return bytesPerSec;
    }
}
