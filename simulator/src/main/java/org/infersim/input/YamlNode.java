package org.infersim.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
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

    /** The same value as a JSON tree, as a batch file's value is patched into a scenario. */
    JsonNode toJson();

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

        /** Whether a number reads as a finite double: YAML's .nan and .inf do not, nor can JSON hold them. */
        public boolean isFinite() {
            try {
                return Double.isFinite(Double.parseDouble(text.replace("_", "")));
            } catch (NumberFormatException e) {
                return false;
            }
        }

        @Override
        public JsonNode toJson() {
            JsonNodeFactory nodes = JsonNodeFactory.instance;
            return switch (kind) {
                case STRING -> nodes.textNode(text);
                case INTEGER -> integer(text);
                case DECIMAL -> nodes.numberNode(new BigDecimal(text.replace("_", "")));
                case BOOLEAN -> nodes.booleanNode(Boolean.parseBoolean(text.toLowerCase(Locale.ROOT)));
                case NULL -> nodes.nullNode();
            };
        }

        private static JsonNode integer(String text) {
            try {
                return JsonNodeFactory.instance.numberNode(Long.parseLong(text.replace("_", "")));
            } catch (NumberFormatException e) {
                return JsonNodeFactory.instance.textNode(text); // hex, octal or too large: let scenario validation judge it
            }
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

        /** The line of a key, or of the mapping itself when the key is absent. */
        public int lineOf(String key) {
            Entry e = entries.get(key);
            return e == null ? line : e.keyLine();
        }

        @Override
        public JsonNode toJson() {
            ObjectNode map = JsonNodeFactory.instance.objectNode();
            entries.forEach((k, e) -> map.set(k, e.value().toJson()));
            return map;
        }
    }

    record Sequence(List<YamlNode> items, int line) implements YamlNode {
        @Override
        public String describe() {
            return "a list";
        }

        @Override
        public JsonNode toJson() {
            ArrayNode list = JsonNodeFactory.instance.arrayNode();
            items.forEach(item -> list.add(item.toJson()));
            return list;
        }
    }
}
