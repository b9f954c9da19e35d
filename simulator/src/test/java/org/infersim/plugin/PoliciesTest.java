package org.infersim.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoliciesTest {
    private record Named(PolicyFamily family, String name, List<Setting<?>> settings) implements PolicyProvider {}

    private interface Special extends PolicyProvider {}

    private static final Setting<Long> WINDOW = Setting.duration("window", 60_000_000_000L, "averaging window");
    private static final Setting<Double> SHARE = Setting.fraction("share", 0.7, "share of the target aimed at");
    private static final Setting<Double> RATE = Setting.number("rate", 1000.0, "at most ready x this per tick");

    @Test
    void eachFamilyListsItsPoliciesInTheOrderTheyWereGiven() {
        Policies p = Policies.of(List.of(new Named(PolicyFamily.ROUTING, "b", List.of()),
                new Named(PolicyFamily.PLACEMENT, "first", List.of()), new Named(PolicyFamily.ROUTING, "a", List.of())));
        assertEquals(List.of("b", "a"), p.names(PolicyFamily.ROUTING));
        assertEquals(List.of("first"), p.names(PolicyFamily.PLACEMENT));
        assertEquals(List.of(), p.names(PolicyFamily.STEP_TIME));
        assertEquals("first", p.find(PolicyFamily.PLACEMENT, "first").orElseThrow().name());
        assertEquals(true, p.find(PolicyFamily.ROUTING, "first").isEmpty(), "names are per family");
    }

    @Test
    void twoBuiltInPoliciesOfAFamilyCannotShareAName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Policies.of(List.of(
                new Named(PolicyFamily.ROUTING, "a", List.of()), new Named(PolicyFamily.ROUTING, "a", List.of()))));
        assertEquals("two router providers named 'a'", e.getMessage());
    }

    @Test
    void aProviderOfTheWrongTypeForItsFamilySaysSoWhenItIsCreated() {
        Policies p = Policies.of(List.of(new Named(PolicyFamily.ROUTING, "odd", List.of())));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> p.provider(PolicyFamily.ROUTING, Special.class, "odd"));
        assertEquals("router 'odd' is provided by " + Named.class.getName() + ", which does not implement "
                + Special.class.getName(), e.getMessage());
    }

    @Test
    void aSettingLeftOutReadsAsItsDefaultWrittenOnceWithItsDescription() {
        Settings written = new Settings(Map.of("window", 90_000_000_000L));
        assertEquals(90_000_000_000L, written.get(WINDOW));
        assertEquals(0.7, written.get(SHARE));
        assertEquals("averaging window (1m)", WINDOW.description());
        assertEquals("share of the target aimed at (70%)", SHARE.description());
        assertEquals("at most ready x this per tick (1000)", RATE.description());
    }

    @Test
    void aDefaultOfTheWrongTypeForItsKindIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Setting<>("n", Setting.Kind.NUMBER, 3, "an int"));
    }

    @Test
    void aFileSettingIsRequiredAndAWordSettingListsItsWordsWithItsDefaultAmongThem() {
        Setting<java.nio.file.Path> file = Setting.file("file", "CSV of measured step times");
        assertEquals(true, file.required());
        assertEquals("CSV of measured step times (required)", file.description());
        Setting<String> fallback = Setting.word("fallback", "roofline", List.of("roofline", "none"), "what answers");
        assertEquals("what answers (roofline)", fallback.description());
        assertEquals("none", new Settings(Map.of("fallback", "none")).get(fallback));
        assertThrows(IllegalArgumentException.class, () -> Setting.word("w", "other", List.of("a", "b"), "a word"));
        assertThrows(IllegalArgumentException.class, () -> new Setting<>("w", Setting.Kind.WORD, "a", "no words"));
    }
}
