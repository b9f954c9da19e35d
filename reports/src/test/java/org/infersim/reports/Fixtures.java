package org.infersim.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The results folders under src/test/resources/fixtures, copied where a test may write into them. */
final class Fixtures {
    static final Path ROOT = Path.of("src/test/resources/fixtures");

    private Fixtures() {}

    /** A copy of fixture {@code name} in {@code parent}, so that its report.html lands outside the sources. */
    static Path copy(String name, Path parent) {
        Path from = ROOT.resolve(name);
        Path to = parent.resolve(name);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }
}
