package org.infersim.plugin;

import java.util.List;

/**
 * Makes the policies of one name in one family. Each family's interface (the router's, the
 * autoscaling policy's, ...) extends this one with a {@code create} that takes the typed
 * {@link Settings} and whatever that family's policies are built from. Providers are shared by
 * every run of a process, on every thread: they keep no state; the policies they create do.
 *
 * <p>The built-in providers are listed in code; a researcher adds one by listing its class in
 * {@code META-INF/services/org.infersim.plugin.PolicyProvider} of a jar on the class path (see
 * the README). A registered provider never replaces a built-in one of the same name.
 */
public interface PolicyProvider {
    PolicyFamily family();

    /** The name scenarios use. */
    String name();

    /** The settings it accepts beside its name, each with its kind and default; validation rejects others. */
    default List<Setting<?>> settings() {
        return List.of();
    }
}
