package org.infersim.scenario.bind;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.infersim.input.Problem;

/** Reads an empirical length file: one positive integer per line, blank lines and '#' comments allowed. */
final class LengthFile {
    private static final int MAX_PROBLEMS = 10;

    private LengthFile() {}

    /**
     * The values, or null when the file has problems (added to {@code problems}, each naming the
     * length file and its line, with {@code scenarioPath} saying which scenario key named it).
     */
    static int[] read(Path file, String display, String scenarioPath, List<Problem> problems) {
        int[] values = new int[1024];
        int n = 0;
        int bad = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                int hash = line.indexOf('#');
                String s = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (s.isEmpty()) {
                    continue;
                }
                int v;
                try {
                    v = Integer.parseInt(s);
                } catch (NumberFormatException e) {
                    v = -1;
                }
                if (v < 1) {
                    if (bad++ < MAX_PROBLEMS) {
                        problems.add(new Problem(display, lineNo, scenarioPath,
                                "expected a positive integer token count, got '" + s + "'"));
                    }
                    continue;
                }
                if (n == values.length) {
                    values = Arrays.copyOf(values, n * 2);
                }
                values[n++] = v;
            }
        } catch (IOException e) {
            problems.add(new Problem(display, 0, scenarioPath, "cannot read the length file: " + e.getMessage()));
            return null;
        }
        if (bad > MAX_PROBLEMS) {
            problems.add(new Problem(display, 0, scenarioPath, (bad - MAX_PROBLEMS) + " more lines are not positive integers"));
        }
        if (bad > 0) {
            return null;
        }
        if (n == 0) {
            problems.add(new Problem(display, 0, scenarioPath,
                    "the length file has no values; expected one positive integer per line"));
            return null;
        }
        return Arrays.copyOf(values, n);
    }
}
