package org.infersim.autoscale;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** The policies a scenario may name: the built-in ones, then those registered on the class path. */
public final class ScalingPolicies {
    private final Map<String, ScalingPolicyProvider> byName = new LinkedHashMap<>();

    private ScalingPolicies() {}

    /** Built-ins first, so that a registered policy cannot silently replace one. */
    public static ScalingPolicies available() {
        ScalingPolicies p = new ScalingPolicies();
        for (ScalingPolicyProvider b : BuiltInPolicy.all()) {
            p.byName.put(b.name(), b);
        }
        for (ScalingPolicyProvider provider : ServiceLoader.load(ScalingPolicyProvider.class)) {
            p.byName.putIfAbsent(provider.name(), provider);
        }
        return p;
    }

    public Optional<ScalingPolicyProvider> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<String> names() {
        return new ArrayList<>(byName.keySet());
    }
}
