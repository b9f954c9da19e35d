package org.infersim.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * What a task sends back to the driver: why the variant could not run, or its results folder's
 * files, each compressed (a day's time series is megabytes, and the driver holds one run's at a
 * time).
 */
record RunOutput(String failure, Map<String, byte[]> files) implements Serializable {

    static RunOutput failed(String why) {
        return new RunOutput(why, Map.of());
    }

    /** The files of a results folder written on the executor. */
    static RunOutput of(Path dir) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<Path> written;
        try (Stream<Path> list = Files.list(dir)) {
            written = list.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : written) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
                gz.write(Files.readAllBytes(file));
            }
            files.put(file.getFileName().toString(), bytes.toByteArray());
        }
        return new RunOutput(null, files);
    }

    /** Each file's text, in the order they were listed. */
    Map<String, String> texts() {
        Map<String, String> texts = new LinkedHashMap<>();
        files.forEach((name, gz) -> {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
                texts.put(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return texts;
    }
}
