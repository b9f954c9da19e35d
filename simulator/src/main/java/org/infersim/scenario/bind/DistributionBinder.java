package org.infersim.scenario.bind;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.infersim.input.Fields;
import org.infersim.input.Quantities;
import org.infersim.input.YamlNode;
import org.infersim.scenario.DurationSpec;
import org.infersim.scenario.LengthSpec;

/**
 * Binds the two kinds of distribution a scenario draws from, wherever they appear: token counts
 * (a prompt's or output's length, a system prompt's, a session's turns), written as a count or
 * {@code {type: fixed | uniform | lognormal | empirical, ...}}; and durations (a node's
 * provisioning delay, a think time), written as a duration or
 * {@code {type: fixed | uniform | lognormal | exponential, ...}}.
 */
final class DistributionBinder {
    private static final Map<String, List<String>> LENGTH_KEYS = Fields.ordered(
            "fixed", List.of("type", "value"),
            "uniform", List.of("type", "min", "max"),
            "lognormal", List.of("type", "mean", "stddev", "max"),
            "empirical", List.of("type", "file"));
    private static final Map<String, List<String>> DURATION_KEYS = Fields.ordered(
            "fixed", List.of("type", "value"),
            "uniform", List.of("type", "min", "max"),
            "lognormal", List.of("type", "mean", "stddev"),
            "exponential", List.of("type", "mean"));

    private final BindContext ctx;

    DistributionBinder(BindContext ctx) {
        this.ctx = ctx;
    }

    /**
     * A required distribution of counts at {@code key}; a lognormal without its own max is capped at
     * {@code cap}. Null after a problem.
     *
     * @param example what to write, for the message when it is missing
     */
    LengthSpec length(Fields w, String key, int cap, String example) {
        return length(w, key, cap, null, example);
    }

    /** The same, where {@code capWhy} says where the cap comes from, for the message when it is below the mean. */
    LengthSpec length(Fields w, String key, int cap, String capWhy, String example) {
        YamlNode node = w.require(key, example);
        if (node == null) {
            return null;
        }
        if (node instanceof YamlNode.Scalar s && s.kind() == YamlNode.ScalarKind.INTEGER) {
            Long v = w.integer(key, true, 1, Integer.MAX_VALUE);
            return v == null ? null : new LengthSpec.Fixed(v.intValue());
        }
        Fields l = w.typedChild(key, "a token count or a distribution", "length distribution", LENGTH_KEYS);
        if (l == null) {
            return null;
        }
        switch (l.type()) {
            case "fixed": {
                Long v = l.integer("value", true, 1, Integer.MAX_VALUE);
                return v == null ? null : new LengthSpec.Fixed(v.intValue());
            }
            case "uniform": {
                Long min = l.integer("min", true, 1, Integer.MAX_VALUE);
                Long max = l.integer("max", true, 1, Integer.MAX_VALUE);
                if (min != null && max != null && min > max) {
                    l.problem("max", "max " + max + " is below min " + min);
                    return null;
                }
                return min == null || max == null ? null : new LengthSpec.Uniform(min.intValue(), max.intValue());
            }
            case "lognormal":
                return lognormal(l, cap, capWhy);
            case "empirical": {
                Path file = l.existingFile("file", "length file", "a file of token counts, one per line");
                if (file == null) {
                    return null;
                }
                int[] values = LengthFile.read(file, file.toString(), l.at("file"), ctx.in.problems());
                return values == null ? null : new LengthSpec.Empirical(file, values);
            }
            default:
                throw new IllegalStateException(l.type());
        }
    }

    /** A lognormal length, capped by its max or else by {@code cap}. */
    private static LengthSpec lognormal(Fields l, int cap, String capWhy) {
        Double mean = l.number("mean", true);
        if (mean != null && !(mean >= 1)) {
            l.problem("mean", "expected a mean of at least 1 token, got " + Fields.format(mean));
            mean = null;
        }
        Double stddev = l.number("stddev", true);
        if (stddev != null && !(stddev >= 0)) {
            l.problem("stddev", "expected a standard deviation of at least 0, got " + Fields.format(stddev));
            stddev = null;
        }
        Long max = l.has("max") ? l.integer("max", true, 1, Integer.MAX_VALUE) : Long.valueOf(cap);
        if (max != null && mean != null && mean > max) {
            if (l.has("max")) {
                l.problem("max", "the cap " + max + " is below the mean " + Fields.format(mean));
            } else {
                l.problem("the cap " + max + (capWhy == null ? "" : " (" + capWhy + ")") + " is below the mean "
                        + Fields.format(mean));
            }
            return null;
        }
        return mean == null || stddev == null || max == null ? null
                : new LengthSpec.LogNormal(mean, stddev, max.intValue());
    }

    /**
     * A distribution of durations at {@code key}: a duration (fixed), or {type: fixed, value},
     * {type: uniform, min, max}, {type: lognormal, mean, stddev} or {type: exponential, mean}. Null
     * after a problem.
     */
    static DurationSpec duration(Fields f, String key) {
        if (!(f.node(key) instanceof YamlNode.Mapping)) {
            Long v = f.nonNegativeDuration(key);
            return v == null ? null : new DurationSpec.Fixed(v);
        }
        Fields d = f.typedChild(key, "a duration such as 5m, or a distribution such as {type: uniform, min: 2m,"
                + " max: 8m}", "duration distribution", DURATION_KEYS);
        if (d == null) {
            return null;
        }
        switch (d.type()) {
            case "fixed": {
                Long v = d.nonNegativeDuration("value");
                return v == null ? null : new DurationSpec.Fixed(v);
            }
            case "uniform": {
                Long min = d.nonNegativeDuration("min");
                Long max = d.nonNegativeDuration("max");
                if (min != null && max != null && min > max) {
                    d.problem("max", "max " + Quantities.formatDuration(max) + " is below min "
                            + Quantities.formatDuration(min));
                    return null;
                }
                return min == null || max == null ? null : new DurationSpec.Uniform(min, max);
            }
            case "lognormal": {
                Long mean = positiveMean(d);
                Long stddev = d.duration("stddev", true);
                if (stddev != null && stddev < 0) {
                    d.problem("stddev", "expected a duration of at least 0");
                    stddev = null;
                }
                return mean == null || stddev == null ? null : new DurationSpec.LogNormal(mean, stddev);
            }
            case "exponential": {
                Long mean = positiveMean(d);
                return mean == null ? null : new DurationSpec.Exponential(mean);
            }
            default:
                throw new IllegalStateException(d.type());
        }
    }

    private static Long positiveMean(Fields d) {
        Long mean = d.duration("mean", true);
        if (mean != null && mean <= 0) {
            d.problem("mean", "expected a mean longer than 0");
            return null;
        }
        return mean;
    }
}
