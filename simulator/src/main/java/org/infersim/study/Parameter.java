package org.infersim.study;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One varied setting of a batch: a scenario path (or several varied together, zipped) and the
 * values it takes. {@code values.get(i).get(k)} is the i-th value of the k-th path.
 *
 * @param line the batch file's line of the parameter, for messages
 * @param valueLines the line of each value
 */
public record Parameter(List<String> paths, List<List<JsonNode>> values, int line, List<Integer> valueLines) {
    public Parameter {
        paths = List.copyOf(paths);
        values = values.stream().map(List::copyOf).toList();
        valueLines = List.copyOf(valueLines);
    }
}
