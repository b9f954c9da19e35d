package org.infersim.autoscale;

/**
 * A setting a policy accepts in a scenario's {@code autoscaler:} mapping, beyond policy, metric,
 * target, min and max. Scenario validation parses it by kind (with units) and reports bad values
 * with file, line and path, for built-in and researchers' policies alike.
 */
public record PolicySetting(String key, Kind kind, String description) {
    public enum Kind {
        /** Written with a unit ({@code 60s}); given to the policy in nanoseconds. */
        DURATION,
        /** Written as {@code 70%} or {@code 0.7}; given as a fraction (may exceed 1, as 200%). */
        FRACTION,
        /** A plain number. */
        NUMBER
    }
}
