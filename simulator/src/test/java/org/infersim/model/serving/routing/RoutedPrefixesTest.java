package org.infersim.model.serving.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.infersim.model.serving.PromptContent;
import org.junit.jupiter.api.Test;

/** The router's memory of where it sent prompts' prefixes. */
class RoutedPrefixesTest {
    private static final long SYSTEM = PromptContent.identity(1);
    private static final long DOCUMENT = PromptContent.identity(2);

    private static PromptContent prompt(long... ids) {
        PromptContent.Builder b = PromptContent.builder();
        for (long id : ids) {
            b.add(id, 100);
        }
        return b.add(PromptContent.PRIVATE, 10).build();
    }

    @Test
    void theLongestRoutedPrefixIsFoundWithWhereItWentLast() {
        RoutedPrefixes routed = new RoutedPrefixes(16);
        routed.record(prompt(SYSTEM), 3);
        routed.record(prompt(SYSTEM, DOCUMENT), 5);
        routed.lookUp(prompt(SYSTEM, DOCUMENT, PromptContent.identity(9)));
        assertEquals(5, routed.foundReplica());
        assertEquals(200, routed.foundTokens());
        routed.lookUp(prompt(SYSTEM, PromptContent.identity(9)));
        assertEquals(5, routed.foundReplica(), "the system prompt went to 5 last");
        assertEquals(100, routed.foundTokens());
        routed.lookUp(prompt(DOCUMENT));
        assertEquals(-1, routed.foundReplica(), "a document after another start is another prefix");
        assertEquals(0, routed.foundTokens());
        assertEquals(2, routed.size(), "private tokens, and anything after them, are not remembered");
    }

    @Test
    void aSegmentOfAnotherLengthIsAnotherPrefix() {
        RoutedPrefixes routed = new RoutedPrefixes(16);
        routed.record(PromptContent.builder().add(SYSTEM, 512).build(), 1);
        routed.lookUp(PromptContent.builder().add(SYSTEM, 100).build());
        assertEquals(-1, routed.foundReplica());
    }

    @Test
    void itHoldsAtMostItsCapacityForgettingTheLeastRecentlyRoutedFirst() {
        RoutedPrefixes routed = new RoutedPrefixes(64);
        for (int i = 0; i < 1000; i++) {
            routed.record(prompt(PromptContent.identity(100, i)), i);
            if (i == 990) {
                routed.record(prompt(PromptContent.identity(100, 10)), 10); // routed again: recent once more
            }
        }
        assertEquals(64, routed.size());
        int found = 0;
        for (int i = 0; i < 1000; i++) {
            routed.lookUp(prompt(PromptContent.identity(100, i)));
            if (routed.foundReplica() >= 0) {
                found++;
                assertEquals(i, routed.foundReplica());
                assertTrue(i == 10 || i > 936, "prefix " + i);
            }
        }
        assertEquals(64, found, "the last 64 routed (10 again among them), the table intact after 936 removals");
    }
}
