package org.infersim.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutations of every shipped scenario, batch and size file, of the shipped trace and of the
 * catalogs, through the real command line: each mutant either validates (and, for the quick
 * scenario, runs) or is refused with exit status 2 and a message naming its file; none is an
 * internal error or prints a stack trace. The mutants are drawn from a fixed seed, so a failure
 * names a mutant that can be made again.
 */
class BadInputCorpusTest {
    private static final Path ROOT = Path.of(System.getProperty("infersim.root", "../.."));
    /** Values that break a scalar in every way a typist or a script does. */
    private static final List<String> BAD_VALUES = List.of("-1", "0", "abc", ".nan", ".inf", "1e308", "''", "[",
            "{a: 1}", "5 parsecs", "-5s", "99999999999999999999", "~", "\"\\x00\"");
    private static final int MUTANTS_PER_FILE = 24;

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyMutantOfAShippedFileValidatesOrIsRefusedWithItsFileAndStatusTwo() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("scenarios"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                tests.add(DynamicTest.dynamicTest(file.getFileName().toString(), () -> mutateScenario(file)));
            }
        }
        tests.add(DynamicTest.dynamicTest("traces/azure-format-sample.csv", this::mutateTrace));
        for (String catalog : List.of("gpus.yaml", "models.yaml")) {
            tests.add(DynamicTest.dynamicTest("gpu-models/" + catalog, () -> mutateCatalog(catalog)));
        }
        return tests.stream();
    }

    private void mutateScenario(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        Random random = new Random(file.getFileName().toString().hashCode());
        Path dir = copyScenarios();
        Path target = dir.resolve(file.getFileName());
        String original = Files.readString(target);
        for (int m = 0; m < MUTANTS_PER_FILE; m++) {
            String mutant = String.join("\n", mutate(lines, random)) + "\n";
            Files.writeString(target, mutant);
            CommandLineTest.Outcome o = CommandLineTest.infersim("validate", target.toString());
            check(o, target, mutant);
            if (o.status() == 0 && file.getFileName().toString().equals("quickstart.yaml")) {
                // The quick scenario's valid mutants run too: validated input must not break the engine.
                CommandLineTest.Outcome run = CommandLineTest.infersim("run", target.toString(), "--quiet", "--output",
                        tmp.resolve("runs").resolve("m" + m).toString());
                check(run, target, mutant);
            }
        }
        // A batch file's base is a scenario: the next files must find it as shipped.
        Files.writeString(target, original);
    }

    @org.junit.jupiter.api.Test
    void aBatchWhoseBaseScenarioIsNotYamlIsRefusedAtTheBasesLine() throws IOException {
        // Found by the corpus: a base with a syntax error was an internal error in batch and size files.
        Path dir = copyScenarios();
        Files.writeString(dir.resolve("rag-70b-h100.yaml"), "name: x\nworkloads: [{a: 1, rate: 2/s}: 3]\n");
        for (String file : List.of("rag-70b-sweep.batch.yaml", "rag-70b.size.yaml")) {
            CommandLineTest.Outcome o = CommandLineTest.infersim("validate", dir.resolve(file).toString());
            assertTrue(o.status() == 2, file + ": " + o.err());
            assertTrue(o.err().contains("rag-70b-h100.yaml:2"), o.err());
        }
    }

    private void mutateTrace() throws IOException {
        Path trace = ROOT.resolve("scenarios/traces/azure-format-sample.csv");
        List<String> lines = Files.readAllLines(trace);
        Random random = new Random(7);
        Path dir = copyScenarios();
        Path scenario = dir.resolve("trace-replay.yaml");
        for (int m = 0; m < MUTANTS_PER_FILE; m++) {
            List<String> mutant = new ArrayList<>(lines);
            int at = 1 + random.nextInt(Math.max(1, mutant.size() - 1));
            switch (random.nextInt(5)) {
                case 0 -> mutant.set(at, mutant.get(at).replaceFirst("^[^,]*", "yesterday"));
                case 1 -> mutant.set(at, mutant.get(at) + ",extra");
                case 2 -> mutant.set(at, "0,0,0");
                case 3 -> mutant.add(1, mutant.remove(mutant.size() - 1));
                default -> mutant.set(0, "when,what");
            }
            Path target = dir.resolve("traces/azure-format-sample.csv");
            Files.writeString(target, String.join("\n", mutant) + "\n");
            check(CommandLineTest.infersim("validate", scenario.toString()), target, "trace mutant " + m);
        }
        Path binary = dir.resolve("traces/azure-format-sample.csv");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0x80, '\n'});
        check(CommandLineTest.infersim("validate", scenario.toString()), binary, "binary trace");
        Files.write(binary, Files.readAllBytes(trace));
    }

    private void mutateCatalog(String name) throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("gpu-models").resolve(name));
        Random random = new Random(name.hashCode());
        Path dir = tmp.resolve("catalog-" + name);
        Files.createDirectories(dir);
        for (int m = 0; m < MUTANTS_PER_FILE; m++) {
            String mutant = String.join("\n", mutate(lines, random)) + "\n";
            Path target = dir.resolve(name);
            Files.writeString(target, mutant);
            check(CommandLineTest.infersim("catalog", "--catalog", dir.toString()), target, mutant);
        }
    }

    /** One edit: a value replaced by a bad one, a line dropped, doubled or cut after, or a key misspelt. */
    private static List<String> mutate(List<String> lines, Random random) {
        List<String> out = new ArrayList<>(lines);
        List<Integer> valued = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            String l = out.get(i);
            if (!l.strip().startsWith("#") && l.matches(".*\\w+: *[^ #].*")) {
                valued.add(i);
            }
        }
        if (valued.isEmpty()) {
            return out;
        }
        int i = valued.get(random.nextInt(valued.size()));
        String line = out.get(i);
        switch (random.nextInt(6)) {
            case 0, 1 -> out.set(i, line.replaceFirst("(\\w+): *[^,}#]+", "$1: "
                    + BAD_VALUES.get(random.nextInt(BAD_VALUES.size()))));
            case 2 -> out.remove(i);
            case 3 -> out.add(i, line);
            case 4 -> out.set(i, line.replaceFirst("(\\w)(\\w*):", "$1x$2:"));
            default -> {
                while (out.size() > i + 1) {
                    out.remove(out.size() - 1);
                }
            }
        }
        return out;
    }

    /** The shipped scenarios folder (with its traces and step tables), copied where mutants may be written. */
    private Path copyScenarios() throws IOException {
        Path dir = tmp.resolve("scenarios");
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Path from = ROOT.resolve("scenarios");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path to = dir.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        return dir;
    }

    private static void check(CommandLineTest.Outcome o, Path file, String mutant) {
        String all = o.out() + o.err();
        String what = file.getFileName() + " mutant:\n" + mutant + "\n--- said:\n" + o.err();
        assertTrue(o.status() == 0 || o.status() == 2, "exit " + o.status() + " for " + what);
        assertTrue(!all.contains("\tat org.") && !all.contains("Exception:") && !all.contains("internal error"),
                "a stack trace or internal error for " + what);
        if (o.status() == 2) {
            assertTrue(o.err().contains(file.getFileName().toString()) || o.err().contains("--"),
                    "the message names the file for " + what);
        }
        assertTrue(!o.err().contains(new String(new byte[] {0}, StandardCharsets.UTF_8)), "no raw bytes echoed");
    }
}
