package org.infersim.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import org.infersim.input.YamlNode;

/** Turns a value written in a batch file into the JSON tree that is patched into a scenario. */
public final class YamlValues {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private YamlValues() {}

    public static JsonNode toJson(YamlNode node) {
        if (node instanceof YamlNode.Scalar s) {
            return switch (s.kind()) {
                case STRING -> NODES.textNode(s.text());
                case INTEGER -> integer(s.text());
                case DECIMAL -> NODES.numberNode(new BigDecimal(s.text().replace("_", "")));
                case BOOLEAN -> NODES.booleanNode(Boolean.parseBoolean(s.text().toLowerCase(java.util.Locale.ROOT)));
                case NULL -> NODES.nullNode();
            };
        }
        if (node instanceof YamlNode.Sequence seq) {
            ArrayNode list = NODES.arrayNode();
            seq.items().forEach(item -> list.add(toJson(item)));
            return list;
        }
        ObjectNode map = NODES.objectNode();
        ((YamlNode.Mapping) node).entries().forEach((k, e) -> map.set(k, toJson(e.value())));
        return map;
    }

    private static JsonNode integer(String text) {
        try {
            return NODES.numberNode(Long.parseLong(text.replace("_", "")));
        } catch (NumberFormatException e) {
            return NODES.textNode(text); // hex, octal or too large: let scenario validation judge it
        }
    }
}
