package org.infersim.input;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one YAML document into a {@link YamlNode} tree with lines, using Jackson's streaming
 * parser: the one line-aware reader of every input file. Scenario, batch and size files are read
 * strictly ({@link #read}): duplicate keys and aliases are reported as problems, and a syntax
 * error or an empty file ends the reading with a single problem at its line. Catalog files
 * ({@link #readCatalog}) keep their own, older rules: the last of duplicate keys wins, a boolean
 * keeps its spelling, and a syntax error is one more problem beside those of the other files.
 */
public final class YamlReader {
    private static final YAMLFactory FACTORY = new YAMLFactory();
    private static final Pattern MARK = Pattern.compile("line (\\d+), column (\\d+)");
    private static final Pattern PARSER_EVENT = Pattern.compile("<?org\\.yaml\\.snakeyaml\\.events\\.(\\w+?)Event(\\([^)]*\\))?>?");

    private final String file;
    private final List<Problem> problems;
    private final boolean catalog;
    private YAMLParser parser;

    private YamlReader(String file, List<Problem> problems, boolean catalog) {
        this.file = file;
        this.problems = problems;
        this.catalog = catalog;
    }

    /**
     * The document's root, with duplicate keys and the like added to {@code problems}.
     *
     * @throws InvalidInputException for a syntax error or an empty file (nothing can be bound)
     */
    public static YamlNode read(String text, String file, List<Problem> problems) throws InvalidInputException {
        return new YamlReader(file, problems, false).readDocument(text);
    }

    /**
     * A catalog file's root, or null (with a problem added) when the text is not YAML. An empty
     * document reads as an empty value at line 1. Duplicate keys are reported; the last one wins.
     */
    public static YamlNode readCatalog(String text, String file, List<Problem> problems) {
        YamlReader reader = new YamlReader(file, problems, true);
        try (YAMLParser p = FACTORY.createParser(text)) {
            reader.parser = p;
            JsonToken first = p.nextToken();
            if (first == null) {
                return new YamlNode.Scalar("", YamlNode.ScalarKind.NULL, 1);
            }
            YamlNode root = reader.readValue(first, "");
            if (p.nextToken() != null) {
                problems.add(new Problem(file, reader.line(), "", "a second YAML document starts here; a catalog file holds one"));
            }
            return root;
        } catch (JsonProcessingException e) {
            problems.add(reader.syntaxProblem(e, "not valid YAML: "));
            return null;
        } catch (IOException e) {
            problems.add(new Problem(file, 0, "", "cannot read: " + e.getMessage()));
            return null;
        }
    }

    private YamlNode readDocument(String text) throws InvalidInputException {
        try (YAMLParser p = FACTORY.createParser(text)) {
            parser = p;
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new InvalidInputException(new Problem(file, 1, "", "the file is empty; expected a scenario"
                        + " with at least name, duration, cluster, deployments and workloads"));
            }
            YamlNode root = readValue(first, "");
            JsonToken more = p.nextToken();
            if (more != null) {
                problems.add(new Problem(file, line(), "",
                        "a second YAML document starts here; a scenario file holds exactly one (remove the '---')"));
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(syntaxProblem(e, "YAML syntax error: "));
        } catch (IOException e) {
            throw new InvalidInputException(new Problem(file, 0, "", "cannot read: " + e.getMessage()));
        }
    }

    private YamlNode readValue(JsonToken token, String path) throws IOException {
        int line = line();
        switch (token) {
            case START_OBJECT: {
                Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
                JsonToken t;
                while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    int keyLine = line();
                    String childPath = path.isEmpty() ? key : path + "." + key;
                    YamlNode value = readValue(parser.nextToken(), childPath);
                    YamlNode.Entry previous = entries.get(key);
                    if (previous != null && catalog) {
                        problems.add(new Problem(file, keyLine, "", "key '" + key + "' appears twice in the same mapping"
                                + " (first at line " + previous.keyLine() + ")"));
                        entries.put(key, new YamlNode.Entry(key, keyLine, value));
                    } else if (previous != null) {
                        problems.add(new Problem(file, keyLine, childPath, "duplicate key '" + key
                                + "' (first written at line " + previous.keyLine() + "); keep only one"));
                    } else {
                        entries.put(key, new YamlNode.Entry(key, keyLine, value));
                    }
                }
                return new YamlNode.Mapping(entries, line);
            }
            case START_ARRAY: {
                List<YamlNode> items = new ArrayList<>();
                JsonToken t;
                while ((t = parser.nextToken()) != JsonToken.END_ARRAY && t != null) {
                    items.add(readValue(t, path + "[" + items.size() + "]"));
                }
                return new YamlNode.Sequence(items, line);
            }
            default: {
                if (parser.isCurrentAlias() && !catalog) {
                    problems.add(new Problem(file, line, path,
                            "YAML aliases (*" + parser.getText() + ") are not supported; write the value out"));
                    return new YamlNode.Scalar(parser.getText(), YamlNode.ScalarKind.NULL, line);
                }
                return scalar(token, line);
            }
        }
    }

    private YamlNode.Scalar scalar(JsonToken token, int line) throws IOException {
        String text = parser.getText();
        YamlNode.ScalarKind kind = switch (token) {
            case VALUE_NUMBER_INT -> YamlNode.ScalarKind.INTEGER;
            case VALUE_NUMBER_FLOAT -> YamlNode.ScalarKind.DECIMAL;
            case VALUE_TRUE, VALUE_FALSE -> YamlNode.ScalarKind.BOOLEAN;
            case VALUE_NULL -> YamlNode.ScalarKind.NULL;
            default -> YamlNode.ScalarKind.STRING;
        };
        if (kind == YamlNode.ScalarKind.BOOLEAN && !catalog) {
            text = token == JsonToken.VALUE_TRUE ? "true" : "false";
        }
        return new YamlNode.Scalar(text, kind, line);
    }

    private int line() {
        return parser.currentTokenLocation().getLineNr();
    }

    /**
     * One problem for a syntax error, at the line where the YAML parser saw it (the last mark in
     * its message: the first one is the context, such as where a flow sequence started).
     */
    private Problem syntaxProblem(JsonProcessingException e, String prefix) {
        String raw = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        int line = 0;
        Matcher m = MARK.matcher(raw);
        while (m.find()) {
            line = Integer.parseInt(m.group(1));
        }
        if (line == 0) {
            JsonLocation loc = e.getLocation();
            line = loc == null ? 0 : loc.getLineNr();
        }
        List<String> parts = new ArrayList<>();
        for (String l : raw.split("\n")) {
            if (l.isBlank() || Character.isWhitespace(l.charAt(0)) || l.startsWith("in '")) {
                continue;
            }
            parts.add(l.strip());
        }
        String message = parts.isEmpty() ? raw.strip() : String.join("; ", parts);
        return new Problem(file, line, "", prefix + plain(message));
    }

    /**
     * The parser's message in words: Jackson names the SnakeYAML event it did not expect by its
     * class ({@code <org.yaml.snakeyaml.events.SequenceStartEvent(...)>}), which says nothing to a user.
     */
    static String plain(String message) {
        Matcher m = PARSER_EVENT.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String what = switch (m.group(1)) {
                case "SequenceStart" -> "a list";
                case "MappingStart" -> "a mapping";
                case "Scalar" -> "a value";
                case "Alias" -> "an alias";
                default -> "something else";
            };
            m.appendReplacement(out, what);
        }
        m.appendTail(out);
        return out.toString().replace("Expected a field name (Scalar value in YAML), got this instead: ",
                "expected a key (a plain value), got ");
    }
}
