package org.infersim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --catalog DIR} option shared by the commands that read catalogs. */
final class CatalogOptions {
    @Option(names = "--catalog", paramLabel = "DIR",
            description = "Extra catalog directory with gpus.yaml and/or models.yaml (repeatable); "
                    + "entries replace built-in ones with the same id.")
    List<Path> dirs = new ArrayList<>();
}
