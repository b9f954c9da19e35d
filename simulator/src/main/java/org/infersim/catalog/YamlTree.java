package org.infersim.catalog;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.infersim.input.Problem;

/**
 * A YAML document read into a small tree whose every node knows its line, with Jackson's
 * streaming parser. Scalars are kept as their text (units are parsed by the catalog reader), so
 * {@code 8.03e9} and {@code 80GB} arrive alike.
 */
final class YamlTree {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    enum Kind { SCALAR, MAP, LIST, NULL }

    /** One node: a scalar (its text), a mapping (keys in file order, each with its line) or a list. */
    static final class Node {
        final Kind kind;
        final int line;
        final String text;
        final Map<String, Node> map;
        final Map<String, Integer> keyLines;
        final List<Node> list;

        private Node(Kind kind, int line, String text, Map<String, Node> map, Map<String, Integer> keyLines,
                List<Node> list) {
            this.kind = kind;
            this.line = line;
            this.text = text;
            this.map = map;
            this.keyLines = keyLines;
            this.list = list;
        }

        static Node scalar(int line, String text) {
            return new Node(Kind.SCALAR, line, text, Map.of(), Map.of(), List.of());
        }

        static Node nil(int line) {
            return new Node(Kind.NULL, line, null, Map.of(), Map.of(), List.of());
        }

        /** Line of a key of this mapping, or of the mapping itself when absent. */
        int lineOf(String key) {
            return keyLines.getOrDefault(key, line);
        }

        /** How a node is described in messages: "a list", "a mapping", "'abc'", "nothing". */
        String describe() {
            return switch (kind) {
                case SCALAR -> "'" + text + "'";
                case MAP -> "a mapping";
                case LIST -> "a list";
                case NULL -> "nothing";
            };
        }
    }

    private final String file;
    private final List<Problem> problems;
    private JsonParser parser;

    private YamlTree(String file, List<Problem> problems) {
        this.file = file;
        this.problems = problems;
    }

    /**
     * The document's root, or null (with a problem added) when the text is not YAML. An empty
     * document reads as a NULL node. Duplicate keys are reported; the last one wins.
     */
    static Node read(String text, String file, List<Problem> problems) {
        return new YamlTree(file, problems).readDocument(text);
    }

    private Node readDocument(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            parser = p;
            JsonToken first = p.nextToken();
            if (first == null) {
                return Node.nil(1);
            }
            Node root = readValue(first);
            if (p.nextToken() != null) {
                problems.add(new Problem(file, line(), "", "a second YAML document starts here; a catalog file holds one"));
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String message = e.getOriginalMessage();
            int cut = message == null ? -1 : message.indexOf('\n');
            if (cut > 0) {
                message = message.substring(0, cut);
            }
            problems.add(new Problem(file, at == null ? 0 : at.getLineNr(), "", "not valid YAML: " + message));
            return null;
        } catch (IOException e) {
            problems.add(new Problem(file, 0, "", "cannot read: " + e.getMessage()));
            return null;
        }
    }

    private int line() {
        JsonLocation at = parser.currentTokenLocation();
        return at == null ? 0 : Math.max(at.getLineNr(), 0);
    }

    private Node readValue(JsonToken token) throws IOException {
        int line = line();
        switch (token) {
            case START_OBJECT: {
                Map<String, Node> map = new LinkedHashMap<>();
                Map<String, Integer> keyLines = new LinkedHashMap<>();
                JsonToken t;
                while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    int keyLine = line();
                    Node value = readValue(parser.nextToken());
                    if (map.containsKey(key)) {
                        problems.add(new Problem(file, keyLine, "", "key '" + key + "' appears twice in the same mapping"
                                + " (first at line " + keyLines.get(key) + ")"));
                    }
                    map.put(key, value);
                    keyLines.put(key, keyLine);
                }
                return new Node(Kind.MAP, line, null, Collections.unmodifiableMap(map),
                        Collections.unmodifiableMap(keyLines), List.of());
            }
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                JsonToken t;
                while ((t = parser.nextToken()) != JsonToken.END_ARRAY && t != null) {
                    items.add(readValue(t));
                }
                return new Node(Kind.LIST, line, null, Map.of(), Map.of(), List.copyOf(items));
            }
            case VALUE_NULL:
                return Node.nil(line);
            default:
                return Node.scalar(line, parser.getText());
        }
    }
}
