package org.infersim.plugin;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The policies a scenario may name, family by family: the built-in ones, then those registered
 * on the class path. Built once per process (the class path is scanned once) and handed down to
 * whatever validates a scenario or builds a simulation from one; it never changes afterwards, so
 * every thread of a batch may share it.
 */
public final class Policies {
    private final Map<PolicyFamily, Map<String, PolicyProvider>> byFamily = new EnumMap<>(PolicyFamily.class);

    private Policies() {
        for (PolicyFamily f : PolicyFamily.values()) {
            byFamily.put(f, new LinkedHashMap<>());
        }
    }

    /** Exactly these providers, in this order (tests; a process uses {@link #load}). */
    public static Policies of(List<? extends PolicyProvider> providers) {
        Policies p = new Policies();
        for (PolicyProvider provider : providers) {
            if (p.byFamily.get(provider.family()).putIfAbsent(provider.name(), provider) != null) {
                throw new IllegalArgumentException("two " + provider.family().what() + " providers named '"
                        + provider.name() + "'");
            }
        }
        return p;
    }

    /**
     * The built-in providers, then every {@link PolicyProvider} registered with
     * {@link ServiceLoader} on the class path. Built-ins come first, so that a registered policy
     * cannot silently replace one; of two registered with one name, the first found is kept.
     */
    public static Policies load(List<? extends PolicyProvider> builtIns) {
        Policies p = of(builtIns);
        for (PolicyProvider provider : ServiceLoader.load(PolicyProvider.class)) {
            p.byFamily.get(provider.family()).putIfAbsent(provider.name(), provider);
        }
        return p;
    }

    /** The names of a family's policies: built-in ones first, in their order, then registered ones. */
    public List<String> names(PolicyFamily family) {
        return new ArrayList<>(byFamily.get(family).keySet());
    }

    public Optional<PolicyProvider> find(PolicyFamily family, String name) {
        return Optional.ofNullable(byFamily.get(family).get(name));
    }

    /**
     * The provider of a policy a validated scenario chose, as its family's provider type. A
     * scenario validated against this registry only names providers it has.
     *
     * @throws IllegalStateException when there is none, or it is not of the family's type (a
     *                               registered class that declares the wrong family)
     */
    public <P extends PolicyProvider> P provider(PolicyFamily family, Class<P> type, String name) {
        PolicyProvider provider = byFamily.get(family).get(name);
        if (provider == null) {
            throw new IllegalStateException("no " + family.what() + " named '" + name + "'");
        }
        if (!type.isInstance(provider)) {
            throw new IllegalStateException(family.what() + " '" + name + "' is provided by "
                    + provider.getClass().getName() + ", which does not implement " + type.getName());
        }
        return type.cast(provider);
    }
}
