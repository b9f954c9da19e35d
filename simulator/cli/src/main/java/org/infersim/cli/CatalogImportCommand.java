package org.infersim.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.infersim.catalog.HuggingFaceConfig;
import org.infersim.catalog.ModelEntryYaml;
import org.infersim.catalog.ModelSpec;
import org.infersim.input.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", description = {"Reads a Hugging Face config.json and prints its models.yaml entry, each"
        + " number sourced to its key, for a catalog directory given with --catalog DIR.",
        "Refuses what the simulator cannot model as it is (multi-head latent attention, sliding windows)."})
final class CatalogImportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CONFIG", description = "a Hugging Face config.json")
    Path config;

    @Option(names = "--id", paramLabel = "ID", description = "the model's catalog id (default: from _name_or_path,"
            + " else the folder's name)")
    String id;

    @Override
    public Integer call() {
        List<Problem> problems = new ArrayList<>();
        ModelSpec model = null;
        if (!Files.isRegularFile(config)) {
            problems.add(new Problem(config.toString(), 0, "", "config.json not found"));
        } else if (id != null && !id.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            problems.add(new Problem(config.toString(), 0, "", "--id '" + id + "' is not a catalog id; use letters,"
                    + " digits, '.', '_' and '-'"));
        } else {
            model = HuggingFaceConfig.read(config, id, problems);
        }
        if (model == null) {
            problems.forEach(System.err::println);
            return Main.BAD_INPUT;
        }
        System.out.print(ModelEntryYaml.file(model));
        return 0;
    }
}
