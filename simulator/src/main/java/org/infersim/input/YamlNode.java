package org.infersim.input;

import java.util.List;
import java.util.Map;

/**
 * A YAML document as a small tree whose nodes remember the line they were written on, so that
 * the binder can point at it. Built by {@link YamlReader}.
 */
public sealed interface YamlNode {

    /** 1-based line of the node's first token. */
    int line();

    /** How the node reads in a message: "a mapping", "the string 'x'", "the number 3". */
    String describe();

    enum ScalarKind { STRING, INTEGER, DECIMAL, BOOLEAN, NULL }

    record Scalar(String text, ScalarKind kind, int line) implements YamlNode {
        @Override
        public String describe() {
            return switch (kind) {
                case STRING -> "the string '" + text + "'";
                case INTEGER, DECIMAL -> "the number " + text;
                case BOOLEAN -> "the boolean " + text;
                case NULL -> "an empty value";
            };
        }

        public boolean isNumber() {
            return kind == ScalarKind.INTEGER || kind == ScalarKind.DECIMAL;
        }
    }

    /** One key of a mapping, with the line of the key itself. */
    record Entry(String key, int keyLine, YamlNode value) {}

    /** Keys in the order written; duplicates have already been reported and dropped. */
    record Mapping(Map<String, Entry> entries, int line) implements YamlNode {
        @Override
        public String describe() {
            return "a mapping";
        }

        public YamlNode get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }
    }

    record Sequence(List<YamlNode> items, int line) implements YamlNode {
        @Override
        public String describe() {
            return "a list";
        }
    }
}
