package org.infersim.scenario.bind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.infersim.input.Fields;
import org.infersim.input.InputFile;
import org.infersim.input.Suggestions;
import org.infersim.input.YamlNode;
import org.infersim.plugin.Policies;
import org.infersim.plugin.PolicyChoice;
import org.infersim.plugin.PolicyFamily;
import org.infersim.plugin.PolicyProvider;
import org.infersim.plugin.Setting;
import org.infersim.plugin.Settings;

/**
 * Binds the choice of a policy of any family against the registry: its name, with a
 * did-you-mean over the family's names, and the settings its provider declares, each parsed by
 * its kind with units. The binder knows no policy by name.
 */
final class PolicyBinder {
    private final InputFile in;
    private final Policies policies;

    PolicyBinder(InputFile in, Policies policies) {
        this.in = in;
        this.policies = policies;
    }

    Policies policies() {
        return policies;
    }

    /**
     * A policy of a family other than autoscaling: its name ({@code router: least-kv}), or a
     * mapping with its name and settings ({@code router: {policy: my-router, window: 30s}}), or
     * {@code byDefault} when the key is absent. Null after a problem.
     */
    PolicyChoice policy(Fields f, String key, PolicyFamily family, PolicyChoice byDefault) {
        if (!f.has(key)) {
            return byDefault;
        }
        if (!(f.node(key) instanceof YamlNode.Mapping map)) {
            String name = f.choice(key, family.what(), Fields.choices(policies.names(family)));
            if (name == null) {
                return null;
            }
            List<String> required = policies.find(family, name).orElseThrow().settings().stream()
                    .filter(Setting::required).map(Setting::key).toList();
            if (!required.isEmpty()) {
                f.problem(key, family.what() + " " + name + " needs " + String.join(", ", required) + ": write {policy: "
                        + name + ", " + required.get(0) + ": ...}");
                return null;
            }
            return PolicyChoice.of(name);
        }
        String path = f.at(key);
        PolicyProvider provider = namedPolicy(map, path, family);
        if (provider == null) {
            return null;
        }
        Fields p = in.fields(map, path, "a " + family.what(), policyKeys(List.of("policy"), provider, map, path));
        Settings settings = settings(p, provider);
        return settings == null ? null : new PolicyChoice(provider.name(), settings);
    }

    /** The provider a policy mapping names in its {@code policy} key; null after a problem. */
    PolicyProvider namedPolicy(YamlNode.Mapping map, String path, PolicyFamily family) {
        List<String> names = policies.names(family);
        YamlNode policyNode = map.get("policy");
        if (policyNode == null) {
            in.problem(path, "missing 'policy'; expected one of " + String.join(", ", names));
            return null;
        }
        String policyName = policyNode instanceof YamlNode.Scalar ps ? ps.text() : "";
        PolicyProvider provider = policies.find(family, policyName).orElse(null);
        if (provider == null) {
            String hint = Suggestions.didYouMean(policyName, names);
            in.problem(Fields.child(path, "policy"), "unknown " + family.what() + " '" + policyName + "'" + hint
                    + (hint.isEmpty() ? "; expected " : " Expected ") + "one of " + String.join(", ", names)
                    + " (or a policy registered on the class path; see the README)");
        }
        return provider;
    }

    /**
     * The keys a policy mapping may have: its family's own, then the policy's settings. A setting
     * of another policy of the family is a likely slip when switching policies: it is reported as
     * that policy's, and is known (not reported again as unknown).
     */
    List<String> policyKeys(List<String> familyKeys, PolicyProvider provider, YamlNode.Mapping map, String path) {
        List<String> allowed = new ArrayList<>(familyKeys);
        provider.settings().forEach(s -> allowed.add(s.key()));
        List<String> known = new ArrayList<>(allowed);
        for (String other : policies.names(provider.family())) {
            for (Setting<?> setting : policies.find(provider.family(), other).orElseThrow().settings()) {
                if (!allowed.contains(setting.key()) && map.entries().containsKey(setting.key())
                        && !known.contains(setting.key())) {
                    known.add(setting.key());
                    in.problem(Fields.child(path, setting.key()), "'" + setting.key() + "' is a setting of policy "
                            + other + ", not of " + provider.name() + " (whose settings are "
                            + String.join(", ", allowed.subList(familyKeys.size(), allowed.size())) + ")");
                }
            }
        }
        return known;
    }

    /**
     * The settings written for a policy, each parsed by its kind (numbers with units and above 0,
     * files resolved against this file's folder and found); null after a problem.
     */
    Settings settings(Fields a, PolicyProvider provider) {
        Map<String, Object> values = new LinkedHashMap<>();
        boolean ok = true;
        for (Setting<?> setting : provider.settings()) {
            if (!a.has(setting.key())) {
                if (setting.required()) {
                    a.missing(setting.key(), setting.meaning());
                    ok = false;
                }
                continue;
            }
            Object v = switch (setting.kind()) {
                case DURATION -> {
                    Long ns = a.duration(setting.key(), true);
                    if (ns != null && ns <= 0) {
                        a.problem(setting.key(), "expected a duration above 0");
                        ns = null;
                    }
                    yield ns;
                }
                case FRACTION -> a.share(setting.key());
                case FILE -> a.existingFile(setting.key(), "file", "the path of a file, relative to this file");
                case WORD -> a.choice(setting.key(), setting.key(), Fields.choices(setting.words()));
                case NUMBER -> {
                    Double n = a.number(setting.key(), true);
                    if (n != null && n <= 0) {
                        a.problem(setting.key(), "expected a number above 0, got " + Fields.format(n));
                        n = null;
                    }
                    yield n;
                }
            };
            if (v == null) {
                ok = false;
            } else {
                values.put(setting.key(), v);
            }
        }
        return ok ? new Settings(values) : null;
    }
}
