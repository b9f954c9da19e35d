package org.infersim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape of the house, checked on the sources of every module: each package imports only the
 * packages below it (the order ARCHITECTURE.md draws), no main source file is over 600 lines but
 * the kernel's event queue, and no method is over 80 lines.
 */
class ArchitectureTest {
    private static final Path ROOT = Path.of(System.getProperty("infersim.root", "..")).toAbsolutePath().normalize();
    private static final List<Path> MAIN_SOURCES = List.of(
            ROOT.resolve("simulator/src/main/java"),
            ROOT.resolve("reports/src/main/java"),
            ROOT.resolve("simulator/cli/src/main/java"),
            ROOT.resolve("simulator/benchmarks/src/main/java"));

    /**
     * Bottom first. A package may import packages listed before it, never one listed with it or
     * after it; packages on one line are independent of each other.
     */
    private static final List<List<String>> LAYERS = List.of(
            List.of("kernel", "input"),
            List.of("plugin"),
            List.of("catalog"),
            List.of("autoscale"),
            List.of("scenario"),
            List.of("scenario.bind"),
            List.of("model.random"),
            List.of("model.performance"),
            List.of("model.cluster"),
            List.of("model.cluster.placement"),
            List.of("model.serving"),
            List.of("model.serving.routing", "model.serving.batching"),
            List.of("model.workload"),
            List.of("model.deployment"),
            List.of("metrics"),
            List.of("results"),
            List.of("run"),
            List.of("study"),
            List.of("study.compare"),
            List.of("study.batch", "study.size", "study.fidelity"),
            List.of("reports"),
            List.of("cli", "bench"));

    /** The kernel's heap is one tuned structure whose unrolled sift loops are its speed. */
    private static final Set<String> LONG_FILES_ALLOWED = Set.of("kernel/EventQueue.java");
    private static final int MAX_FILE_LINES = 600;
    private static final int MAX_METHOD_LINES = 80;

    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?org\\.infersim\\.([a-z.]+)\\.[A-Z]", Pattern.MULTILINE);

    @Test
    void everyImportPointsDown() {
        Set<String> upward = new TreeSet<>();
        for (Source s : sources()) {
            int from = layer(s.pkg());
            Matcher m = IMPORT.matcher(s.text());
            while (m.find()) {
                String to = m.group(1);
                if (!to.equals(s.pkg()) && layer(to) >= from) {
                    upward.add(s.pkg() + " -> " + to + " (" + s.name() + ")");
                }
            }
        }
        assertNone("imports that point up or sideways", upward);
    }

    @Test
    void everyPackageHasItsPlaceInTheLayers() {
        for (Source s : sources()) {
            layer(s.pkg());
        }
    }

    @Test
    void noMainSourceFileIsOver600Lines() {
        Set<String> longFiles = new TreeSet<>();
        for (Source s : sources()) {
            long lines = s.text().lines().count();
            if (lines > MAX_FILE_LINES && !LONG_FILES_ALLOWED.contains(s.name())) {
                longFiles.add(s.name() + " (" + lines + " lines)");
            }
        }
        assertNone("files over " + MAX_FILE_LINES + " lines", longFiles);
    }

    @Test
    void noMethodIsOver80Lines() {
        Set<String> longMethods = new TreeSet<>();
        for (Source s : sources()) {
            for (String method : longMethods(s)) {
                longMethods.add(s.name() + " " + method);
            }
        }
        assertNone("methods over " + MAX_METHOD_LINES + " lines", longMethods);
    }

    @Test
    void theMethodCounterSeesAMethodsWholeBody() {
        String body = "    void a() {\n" + "        int x = 1;\n".repeat(MAX_METHOD_LINES) + "    }\n";
        Source s = new Source("x/X.java", "x", "class X {\n" + body + "    void b() { }\n}\n");
        assertEquals(List.of("a (82 lines)"), longMethods(s));
    }

    private static void assertNone(String what, Set<String> found) {
        assertTrue(found.isEmpty(), what + ":\n  " + String.join("\n  ", found));
    }

    private static int layer(String pkg) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(pkg)) {
                return i;
            }
        }
        throw new AssertionError("package org.infersim." + pkg + " has no place in ArchitectureTest.LAYERS; "
                + "add it where it belongs and draw it in ARCHITECTURE.md");
    }

    /**
     * Method and constructor bodies over the limit, counted from the declaration to the closing
     * brace. A declaration counts where every open brace before it opened a type body.
     */
    static List<String> longMethods(Source s) {
        String[] lines = blankCommentsAndStrings(s.text()).split("\n", -1);
        List<String> out = new ArrayList<>();
        List<Boolean> typeBraces = new ArrayList<>();
        StringBuilder head = new StringBuilder();
        int start = -1;
        int startDepth = 0;
        String name = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (start < 0 && !typeBraces.isEmpty() && !typeBraces.contains(false)) {
                Matcher m = DECLARATION.matcher(line);
                if (m.find() && !KEYWORDS.contains(m.group(1))) {
                    start = i;
                    startDepth = typeBraces.size();
                    name = m.group(1);
                }
            }
            for (char c : line.toCharArray()) {
                if (c == '{') {
                    String h = head.toString();
                    typeBraces.add(TYPE_HEAD.matcher(h).find() && !h.contains("->") && !NEW.matcher(h).find());
                    head.setLength(0);
                } else if (c == '}') {
                    if (!typeBraces.isEmpty()) {
                        typeBraces.remove(typeBraces.size() - 1);
                    }
                    head.setLength(0);
                    if (start >= 0 && typeBraces.size() == startDepth) {
                        int length = i - start + 1;
                        if (length > MAX_METHOD_LINES) {
                            out.add(name + " (" + length + " lines)");
                        }
                        start = -1;
                    }
                } else if (c == ';') {
                    head.setLength(0);
                    if (start >= 0 && typeBraces.size() == startDepth) {
                        start = -1; // an abstract or interface method: no body
                    }
                } else {
                    head.append(c);
                }
            }
            head.append(' ');
        }
        return out;
    }

    private static final Pattern DECLARATION = Pattern.compile("^\\s+(?:(?:public|protected|private|static|final|synchronized|abstract|default)\\s+)*"
            + "(?:<[^>]+>\\s+)?(?:[\\w.<>\\[\\], ?]+\\s+)?(\\w+)\\s*\\(");
    private static final Pattern TYPE_HEAD = Pattern.compile("\\b(class|interface|enum|record)\\b");
    private static final Pattern NEW = Pattern.compile("\\bnew\\s");
    private static final Set<String> KEYWORDS = Set.of("if", "for", "while", "switch", "catch", "synchronized", "return",
            "new", "else", "try", "do", "throw", "yield", "case");

    private static String blankCommentsAndStrings(String src) {
        Matcher m = Pattern.compile("/\\*(?s:.*?)\\*/|//[^\\n]*|\"\"\"(?s:.*?)\"\"\"|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])*'")
                .matcher(src);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(src, last, m.start());
            out.append(m.group().replaceAll("[^\\n]", " "));
            last = m.end();
        }
        return out.append(src.substring(last)).toString();
    }

    record Source(String name, String pkg, String text) {}

    private static List<Source> sources() {
        List<Source> out = new ArrayList<>();
        for (Path root : MAIN_SOURCES) {
            Path base = root.resolve("org/infersim");
            if (!Files.isDirectory(base)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(base)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    String rel = base.relativize(f).toString().replace('\\', '/');
                    String pkg = rel.contains("/") ? rel.substring(0, rel.lastIndexOf('/')).replace('/', '.') : "";
                    out.add(new Source(rel, pkg, Files.readString(f)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertTrue(out.size() > 100, "found only " + out.size() + " sources under " + ROOT);
        return out;
    }
}
