package org.infersim.plugin;

/**
 * A policy as a validated scenario chooses it: the name of a provider in its family, and the
 * settings written for it.
 */
public record PolicyChoice(String name, Settings settings) {
    /** A policy by name with its default settings. */
    public static PolicyChoice of(String name) {
        return new PolicyChoice(name, Settings.NONE);
    }
}
