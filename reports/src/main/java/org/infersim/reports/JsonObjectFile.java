package org.infersim.reports;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.infersim.input.InvalidInputException;
import org.infersim.input.Problem;

/** Reads a results file that must hold one JSON object, naming the file and line of what is wrong. */
final class JsonObjectFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonObjectFile() {}

    static JsonNode read(Path file) throws InvalidInputException {
        JsonNode json = tree(file);
        if (json == null || !json.isObject()) {
            throw new InvalidInputException(new Problem(file.toString(), 1, "", "expected a JSON object"));
        }
        return json;
    }

    private static JsonNode tree(Path file) throws InvalidInputException {
        JsonNode json;
        try {
            json = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new InvalidInputException(new Problem(file.toString(), at == null ? 0 : at.getLineNr(), "",
                    "not valid JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new InvalidInputException(new Problem(file.toString(), 0, "", "cannot be read: " + e.getMessage()));
        }
        return json;
    }
}
