package org.infersim.cli;

import java.util.concurrent.Callable;
import org.infersim.catalog.Catalog;
import org.infersim.catalog.GpuSpec;
import org.infersim.catalog.ModelSpec;
import org.infersim.input.InvalidInputException;
import org.infersim.model.performance.ModelFootprint;
import org.infersim.scenario.Precision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "catalog", description = "Lists the GPUs and models the simulator knows, with their key numbers.",
        subcommands = CatalogImportCommand.class)
final class CatalogCommand implements Callable<Integer> {
    @Mixin
    CatalogOptions catalogs;

    @Override
    public Integer call() {
        Catalog catalog;
        try {
            catalog = Catalog.load(catalogs.dirs);
        } catch (InvalidInputException e) {
            e.problems().forEach(p -> System.err.println(p));
            return Main.BAD_INPUT;
        }
        System.out.println("GPUs (dense tensor throughput)");
        System.out.printf("  %-12s %8s %10s %10s %10s %7s %10s %9s%n",
                "id", "memory", "bandwidth", "BF16", "FP8", "TDP", "link", "$/GPU-h");
        for (GpuSpec g : catalog.gpus()) {
            // Memory as the device reports it (nvidia-smi's MiB), in GiB.
            System.out.printf("  %-12s %5.1fGiB %7.2fTB/s %7.0fTF %7s %6.0fW %7.0fGB/s %9.2f%n",
                    g.id(), g.memoryBytes() / (double) (1L << 30), g.memoryBandwidth() / 1e12, g.bf16Flops() / 1e12,
                    g.fp8Flops() > 0 ? String.format("%.0fTF", g.fp8Flops() / 1e12) : "-",
                    g.tdpWatts(), g.interconnectBandwidth() / 1e9, g.pricePerHour());
        }
        System.out.println();
        System.out.println("Models (KV per token at BF16)");
        System.out.printf("  %-16s %8s %7s %6s %6s %8s %8s %9s %8s%n",
                "id", "params", "layers", "heads", "kv", "hidden", "experts", "KV/token", "context");
        for (ModelSpec m : catalog.models()) {
            ModelFootprint f = new ModelFootprint(m, Precision.BF16);
            System.out.printf("  %-16s %7.1fB %7d %6d %6d %8d %8s %6.0fKiB %8d%n",
                    m.id(), f.totalParams() / 1e9, m.layers(), m.attentionHeads(), m.kvHeads(), m.hiddenSize(),
                    m.isMixtureOfExperts() ? m.activeExperts() + "/" + m.experts() : "-",
                    f.kvBytesPerToken() / 1024, m.maxContext());
        }
        return 0;
    }
}
