package org.infersim.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --catalog} directories' files, read on the driver and shipped with the job, so
 * that executors need no shared path for them; each executor writes them back into a folder of
 * its own. The built-in catalog is in the jar's resources, on every executor.
 */
final class CatalogFiles implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The files a catalog directory may hold (as {@code catalog.Catalog} reads them). */
    private static final List<String> NAMES = List.of("gpus.yaml", "models.yaml");

    /** Per directory, in the order given (later ones win), each file's name and text. */
    private final List<Map<String, String>> dirs;

    private CatalogFiles(List<Map<String, String>> dirs) {
        this.dirs = dirs;
    }

    static CatalogFiles read(List<Path> catalogDirs) throws IOException {
        List<Map<String, String>> dirs = new ArrayList<>();
        for (Path dir : catalogDirs) {
            Map<String, String> files = new LinkedHashMap<>();
            for (String name : NAMES) {
                Path file = dir.resolve(name);
                if (Files.isRegularFile(file)) {
                    files.put(name, Files.readString(file));
                }
            }
            dirs.add(files);
        }
        return new CatalogFiles(dirs);
    }

    /** Writes the directories under {@code root} and answers them, in order. */
    List<Path> writeUnder(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < dirs.size(); i++) {
            Path dir = Files.createDirectories(root.resolve("catalog-" + (i + 1)));
            for (Map.Entry<String, String> file : dirs.get(i).entrySet()) {
                Files.writeString(dir.resolve(file.getKey()), file.getValue());
            }
            out.add(dir);
        }
        return out;
    }
}
