package org.infersim.study.fidelity;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;

/**
 * One JSON object of a measurement file, read field by field: a field that is missing, or is not
 * what was expected, is a problem that names the file, the line the object starts on and the
 * field's path ({@code successes.latency.time_to_first_token.mean}).
 */
final class JsonRecord {
    // Python's json.dump writes an infinite float (vLLM's --burstiness inf) as a bare Infinity.
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private final String file;
    private final int line;
    private final JsonNode root;

    JsonRecord(String file, int line, JsonNode root) {
        this.file = file;
        this.line = line;
        this.root = root;
    }

    /**
     * The objects of a JSON text, one or several one after another (vLLM's --append-result writes
     * one a line to the same file).
     */
    static List<JsonRecord> read(String text, String file) throws InvalidInputException {
        List<JsonRecord> out = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                int at = parser.currentTokenLocation().getLineNr();
                if (token != JsonToken.START_OBJECT) {
                    throw new InvalidInputException(new Problem(file, at, "", "expected a JSON object, found "
                            + parser.getText()));
                }
                out.add(new JsonRecord(file, at, JSON.readTree(parser)));
            }
        } catch (JsonProcessingException e) {
            int at = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            // Jackson's message ends with where the unclosed value began, in its own words; the line says it.
            String why = e.getOriginalMessage().replaceAll("\\s*\\(start marker at .*$", "");
            throw new InvalidInputException(new Problem(file, at, "", "not valid JSON: " + why));
        } catch (IOException e) {
            throw new InvalidInputException(new Problem(file, 0, "", "cannot read: " + e.getMessage()));
        }
        return out;
    }

    String file() {
        return file;
    }

    /** The node at a dotted path, or null where it is missing or JSON null. */
    JsonNode node(String path) {
        JsonNode n = root;
        for (String key : path.split("\\.")) {
            n = n == null ? null : n.get(key);
        }
        return n == null || n.isNull() ? null : n;
    }

    boolean has(String path) {
        return node(path) != null;
    }

    /** A number that must be there. */
    double number(String path, String expected) throws InvalidInputException {
        Double v = optionalNumber(path);
        if (v == null) {
            throw problem(path, "missing; expected " + expected);
        }
        return v;
    }

    /** A number, or null where the field is missing or null. */
    Double optionalNumber(String path) throws InvalidInputException {
        JsonNode n = node(path);
        if (n == null) {
            return null;
        }
        if (!n.isNumber()) {
            throw problem(path, n + " is not a number");
        }
        return n.doubleValue();
    }

    /** A string, or null where the field is missing or null. */
    String text(String path) throws InvalidInputException {
        JsonNode n = node(path);
        if (n != null && !n.isTextual()) {
            throw problem(path, n + " is not a string");
        }
        return n == null ? null : n.asText();
    }

    InvalidInputException problem(String path, String message) {
        return new InvalidInputException(new Problem(file, line, path, message));
    }
}
