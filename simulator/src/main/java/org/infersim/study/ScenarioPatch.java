package org.infersim.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The base scenario as a tree, to which a variant's values are applied to give the variant's own
 * scenario text. Every path must lead to something the base scenario has, except that the last
 * key may be new in a mapping that exists (a setting the base left at its default); whether that
 * key is a real setting is for scenario validation to say.
 */
public final class ScenarioPatch {
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    private final ObjectNode base;

    private ScenarioPatch(ObjectNode base) {
        this.base = base;
    }

    /** The base scenario's text, which has already been validated on its own. */
    public static ScenarioPatch of(String baseText) {
        try {
            JsonNode tree = YAML.readTree(baseText);
            if (!(tree instanceof ObjectNode object)) {
                throw new IllegalArgumentException("a scenario is a mapping");
            }
            return new ScenarioPatch(object);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Why {@code path} cannot be set in the base scenario, or null when it can. */
    public String whyNotSettable(ScenarioPath path) {
        JsonNode node = base;
        StringBuilder at = new StringBuilder();
        var segments = path.segments();
        for (int i = 0; i < segments.size(); i++) {
            Object s = segments.get(i);
            boolean last = i == segments.size() - 1;
            if (s instanceof Integer index) {
                if (!(node instanceof ArrayNode list)) {
                    return describe(at) + " is not a list, so [" + index + "] does not exist";
                }
                if (index >= list.size()) {
                    return describe(at) + " has " + list.size() + (list.size() == 1 ? " entry" : " entries")
                            + ", so [" + index + "] does not exist in the base scenario";
                }
                node = list.get(index);
                at.append('[').append(index).append(']');
            } else {
                String key = (String) s;
                if (!(node instanceof ObjectNode object)) {
                    return describe(at) + " is not a mapping, so it has no key '" + key + "'";
                }
                if (!object.has(key) && !last) {
                    return describe(at) + " has no key '" + key
                            + "' in the base scenario (only the last part of a path may be a setting the base leaves out)";
                }
                node = object.get(key);
                at.append(at.length() == 0 ? "" : ".").append(key);
            }
        }
        return null;
    }

    private static String describe(CharSequence at) {
        return at.length() == 0 ? "the scenario" : at.toString();
    }

    /**
     * The base scenario with the given values set, as YAML text. Paths must be settable; a
     * missing node as the value removes the key.
     */
    public String apply(Map<String, JsonNode> values) {
        ObjectNode copy = base.deepCopy();
        values.forEach((text, value) -> set(copy, ScenarioPath.parse(text), value.deepCopy()));
        try {
            return YAML.writeValueAsString(copy);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void set(ObjectNode root, ScenarioPath path, JsonNode value) {
        JsonNode node = root;
        var segments = path.segments();
        for (int i = 0; i < segments.size() - 1; i++) {
            Object s = segments.get(i);
            node = s instanceof Integer index ? node.get(index) : node.get((String) s);
        }
        Object last = segments.get(segments.size() - 1);
        if (last instanceof Integer index) {
            ((ArrayNode) node).set(index, value);
        } else if (value.isMissingNode()) {
            ((ObjectNode) node).remove((String) last); // a setting left out
        } else {
            ((ObjectNode) node).set((String) last, value);
        }
    }

    /** The value at a path of the base scenario, or null when it has none. */
    public JsonNode get(String text) {
        JsonNode node = base;
        for (Object s : ScenarioPath.parse(text).segments()) {
            node = node == null ? null : s instanceof Integer index ? node.get(index) : node.get((String) s);
        }
        return node == null || node.isMissingNode() ? null : node;
    }

    /** The number of entries of a list (workloads, cluster.pools), 0 when absent. */
    public int count(String path) {
        JsonNode n = get(path);
        return n instanceof ArrayNode list ? list.size() : 0;
    }
}
