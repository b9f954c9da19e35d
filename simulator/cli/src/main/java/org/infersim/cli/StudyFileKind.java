package org.infersim.cli;

import java.util.ArrayList;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;
import org.infersim.input.YamlNode;
import org.infersim.input.YamlReader;

/**
 * A batch or size file given where a scenario is expected: told apart by the keys only they have
 * ({@code base:} names the scenario they vary), so that the user hears which command the file is
 * for rather than one complaint per key a scenario does not have.
 */
enum StudyFileKind {
    BATCH("batch"),
    SIZE("size");

    private final String command;

    StudyFileKind(String command) {
        this.command = command;
    }

    /** The kind of study file {@code text} is, or null when it is not one (a scenario, or not YAML at all). */
    static StudyFileKind of(String text, String file) {
        YamlNode root;
        try {
            root = YamlReader.read(text, file, new ArrayList<>());
        } catch (InvalidInputException | RuntimeException notYaml) {
            return null;
        }
        if (!(root instanceof YamlNode.Mapping map) || map.get("base") == null) {
            return null;
        }
        return map.get("candidates") != null || map.get("maxReplicas") != null || file.endsWith(".size.yaml")
                ? SIZE : BATCH;
    }

    /** What to tell a user who gave this file to {@code given}: the command it is for. */
    Problem misused(String file, String given) {
        return new Problem(file, 0, "", "this is a " + command + " file, not a scenario: use infersim " + command + " "
                + file + (given.equals("compare") && this == BATCH
                ? " (a batch file compares policies in its compare: section)" : ""));
    }
}
