package org.infersim.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;
import org.infersim.run.ScenarioValidation;

/**
 * Checks the scenario of every variant of a study before anything runs, and reports what is
 * wrong at the study file's own line: the scenario a run simulates is generated, so its lines
 * would mean nothing to the user. A variant whose model does not fit its GPUs is not refused
 * here (that is an answer of the study, a failed row); a value the scenario cannot take
 * ({@code duration: 5 parsecs}, an unknown GPU, a misspelt key) is.
 */
public final class VariantCheck {
    /** Past this many distinct problems the rest go unchecked: they are mostly the same mistake again. */
    static final int MAX_PROBLEMS = 50;

    /** Where a study file wrote a value: its path in the study file ({@code set.duration}) and line. */
    public record Written(String at, int line) {}

    /** A variant and where each of its scenario paths was written. */
    public record Located(Variant variant, Map<String, Written> where) {}

    private final String file;
    private final Path baseFile;
    private final VariantScenarios scenarios;
    private final ScenarioValidation validation;

    /** @param file the study file's name as messages print it */
    public VariantCheck(String file, Path baseFile, VariantScenarios scenarios, ScenarioValidation validation) {
        this.file = file;
        this.baseFile = baseFile;
        this.scenarios = scenarios;
        this.validation = validation;
    }

    /** Refuses the study when any variant's scenario has problems; each distinct problem once, in line order. */
    public void check(List<Located> variants) throws InvalidInputException {
        Set<Problem> problems = new LinkedHashSet<>();
        int checked = 0;
        while (checked < variants.size() && problems.size() < MAX_PROBLEMS) {
            problems.addAll(problems(variants.get(checked++)));
        }
        if (problems.isEmpty()) {
            return;
        }
        List<Problem> out = new ArrayList<>(problems);
        out.sort(Comparator.comparingInt(Problem::line));
        if (checked < variants.size()) {
            out.add(new Problem(file, 0, "", "stopped after " + problems.size() + " problems; " + (variants.size() - checked)
                    + " more variants not checked"));
        }
        throw new InvalidInputException(out);
    }

    private List<Problem> problems(Located v) {
        try {
            validation.bind(scenarios.text(v.variant(), 0), baseFile.toString(), baseFile.toAbsolutePath().getParent());
            return List.of();
        } catch (InvalidInputException e) {
            return e.problems().stream().map(p -> located(p, v)).toList();
        }
    }

    /**
     * The scenario's problem at the study file's value that caused it: the value written at the
     * problem's path or above it, else (a clash between values) the value nearest to it, with the
     * whole variant named.
     */
    private Problem located(Problem p, Located v) {
        String path = p.path() == null ? "" : p.path();
        if (!p.file().equals(baseFile.toString())) {
            return p; // a trace or catalog the variant names: its own file and line mean something
        }
        String cause = null;
        for (String written : v.where().keySet()) {
            if (ScenarioPath.parse(written).covers(path) && (cause == null || written.length() > cause.length())) {
                cause = written;
            }
        }
        String clash = "";
        if (cause == null) {
            cause = nearest(path, v.where().keySet());
            clash = " (in the variant " + v.variant().label() + ")";
        }
        if (cause == null) {
            return new Problem(file, 0, path, p.message() + " (in the scenario made from " + baseFile.getFileName() + ")");
        }
        Written w = v.where().get(cause);
        String said = path.equals(cause) || path.isEmpty() ? p.message() : path + ": " + p.message();
        return new Problem(file, w.line(), w.at(), said + clash);
    }

    private static String nearest(String path, Set<String> written) {
        String best = null;
        int shared = -1;
        for (String w : written) {
            int n = 0;
            while (n < Math.min(w.length(), path.length()) && w.charAt(n) == path.charAt(n)) {
                n++;
            }
            if (n > shared) {
                best = w;
                shared = n;
            }
        }
        return best;
    }
}
