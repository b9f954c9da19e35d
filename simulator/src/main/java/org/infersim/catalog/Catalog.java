package org.infersim.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;
import org.infersim.input.YamlNode;
import org.infersim.input.YamlReader;

/**
 * The GPU and LLM catalogs: the built-in ones shipped in the jar (from {@code gpu-models/} at the
 * repository root) plus any user catalog directories, each holding a {@code gpus.yaml} and/or a
 * {@code models.yaml} in the same format. An entry whose id is already known replaces the earlier
 * one in place; new ids are appended. Ids are matched case-insensitively.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class Catalog {
    static final String GPUS_FILE = "gpus.yaml";
    static final String MODELS_FILE = "models.yaml";
    private static final String RESOURCE_DIR = "gpu-models/";

    private static volatile Catalog builtIn;

    private final Map<String, GpuSpec> gpus;
    private final Map<String, ModelSpec> models;
    /** Hugging Face ids (lower case) → the key of the model they name. */
    private final Map<String, String> aliases;
    private final List<GpuSpec> gpuList;
    private final List<ModelSpec> modelList;

    private Catalog(Map<String, GpuSpec> gpus, Map<String, ModelSpec> models) {
        this.gpus = gpus;
        this.models = models;
        this.gpuList = List.copyOf(gpus.values());
        this.modelList = List.copyOf(models.values());
        Map<String, String> names = new LinkedHashMap<>();
        for (Map.Entry<String, ModelSpec> m : models.entrySet()) {
            for (String alias : m.getValue().huggingFace()) {
                names.put(key(alias), m.getKey());
            }
        }
        this.aliases = java.util.Collections.unmodifiableMap(names);
    }

    /**
     * This catalog with more models (those a scenario reads from config.json files), each replacing
     * a model of the same id; the GPUs are the same.
     */
    public Catalog withModels(List<ModelSpec> more) {
        if (more.isEmpty()) {
            return this;
        }
        Map<String, ModelSpec> all = new LinkedHashMap<>(models);
        for (ModelSpec m : more) {
            all.put(key(m.id()), m);
        }
        return new Catalog(gpus, java.util.Collections.unmodifiableMap(all));
    }

    /**
     * This catalog with these GPU types (a calibration's candidate figures), each replacing the
     * GPU of the same id; the models are the same.
     */
    public Catalog withGpus(List<GpuSpec> more) {
        if (more.isEmpty()) {
            return this;
        }
        Map<String, GpuSpec> all = new LinkedHashMap<>(gpus);
        for (GpuSpec g : more) {
            all.put(key(g.id()), g);
        }
        return new Catalog(java.util.Collections.unmodifiableMap(all), models);
    }

    /** The catalogs shipped in the jar (classpath resources gpu-models/gpus.yaml and gpu-models/models.yaml). */
    public static Catalog builtIn() throws InvalidInputException {
        Catalog c = builtIn;
        if (c == null) {
            Builder b = new Builder();
            b.addResource(GPUS_FILE, true);
            b.addResource(MODELS_FILE, false);
            c = b.build();
            builtIn = c;
        }
        return c;
    }

    /**
     * Built-in plus each directory's gpus.yaml / models.yaml (either may be absent); later entries
     * with the same id replace earlier ones. All problems of all files are reported together.
     */
    public static Catalog load(List<Path> extraDirs) throws InvalidInputException {
        Catalog base = builtIn();
        if (extraDirs == null || extraDirs.isEmpty()) {
            return base;
        }
        Builder b = new Builder(base);
        for (Path dir : extraDirs) {
            b.addDirectory(dir);
        }
        return b.build();
    }

    /** The GPU type with this id (case-insensitive). */
    public Optional<GpuSpec> gpu(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(gpus.get(key(id)));
    }

    /** The model with this id or Hugging Face id (case-insensitive). */
    public Optional<ModelSpec> model(String id) {
        if (id == null) {
            return Optional.empty();
        }
        ModelSpec m = models.get(key(id));
        return m != null ? Optional.of(m) : Optional.ofNullable(models.get(aliases.get(key(id))));
    }

    /** Every name a scenario may give a model: the ids, then the Hugging Face ids. */
    public List<String> modelNames() {
        List<String> names = new ArrayList<>(modelList.stream().map(ModelSpec::id).toList());
        modelList.forEach(m -> names.addAll(m.huggingFace()));
        return names;
    }

    /** All GPU types, in file order (built-in first; an override keeps the position of what it replaced). */
    public List<GpuSpec> gpus() {
        return gpuList;
    }

    /** All models, in file order. */
    public List<ModelSpec> models() {
        return modelList;
    }

    private static String key(String id) {
        return id.strip().toLowerCase(Locale.ROOT);
    }

    /** Collects entries file by file, and every problem on the way. */
    private static final class Builder {
        final Map<String, GpuSpec> gpus = new LinkedHashMap<>();
        final Map<String, ModelSpec> models = new LinkedHashMap<>();
        final List<Problem> problems = new ArrayList<>();

        Builder() {}

        Builder(Catalog base) {
            gpus.putAll(base.gpus);
            models.putAll(base.models);
        }

        void addResource(String fileName, boolean isGpus) {
            String name = RESOURCE_DIR + fileName;
            try (InputStream in = Catalog.class.getResourceAsStream("/" + name)) {
                if (in == null) {
                    problems.add(new Problem(name, 0, "", "the built-in catalog is missing from the classpath"
                            + " (build with Maven so that gpu-models/*.yaml is copied into the jar)"));
                    return;
                }
                addText(decode(in.readAllBytes(), name), name + " (built-in)", isGpus);
            } catch (IOException e) {
                problems.add(new Problem(name, 0, "", "cannot read the built-in catalog: " + e.getMessage()));
            }
        }

        void addDirectory(Path dir) {
            if (dir == null) {
                return;
            }
            if (!Files.isDirectory(dir)) {
                problems.add(new Problem(dir.toString(), 0, "", Files.exists(dir)
                        ? "not a directory; a catalog is a directory holding gpus.yaml and/or models.yaml"
                        : "catalog directory not found"));
                return;
            }
            Path gpuFile = dir.resolve(GPUS_FILE);
            Path modelFile = dir.resolve(MODELS_FILE);
            boolean any = false;
            if (Files.exists(gpuFile)) {
                any = true;
                addFile(gpuFile, true);
            }
            if (Files.exists(modelFile)) {
                any = true;
                addFile(modelFile, false);
            }
            if (!any) {
                problems.add(new Problem(dir.toString(), 0, "", "the catalog directory holds neither " + GPUS_FILE
                        + " nor " + MODELS_FILE));
            }
        }

        private void addFile(Path file, boolean isGpus) {
            String name = file.toString();
            try {
                addText(decode(Files.readAllBytes(file), name), name, isGpus);
            } catch (IOException e) {
                problems.add(new Problem(name, 0, "", "cannot read: " + e.getMessage()));
            }
        }

        private static String decode(byte[] bytes, String name) throws IOException {
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new IOException("not UTF-8 text; expected a YAML catalog file");
            }
        }

        private void addText(String text, String fileName, boolean isGpus) {
            YamlNode root = YamlReader.readCatalog(text, fileName, problems);
            CatalogReader reader = new CatalogReader(fileName, problems);
            if (isGpus) {
                for (GpuSpec g : reader.gpus(root)) {
                    gpus.put(key(g.id()), g);
                }
            } else {
                for (ModelSpec m : reader.models(root)) {
                    models.put(key(m.id()), m);
                }
            }
        }

        Catalog build() throws InvalidInputException {
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            return new Catalog(unmodifiable(gpus), unmodifiable(models));
        }

        private static <T> Map<String, T> unmodifiable(Map<String, T> map) {
            return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
        }
    }

    @Override
    public String toString() {
        return "Catalog[" + gpus.size() + " GPUs, " + models.size() + " models]";
    }
}
