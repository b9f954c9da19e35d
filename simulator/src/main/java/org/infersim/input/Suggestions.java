package org.infersim.input;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean ...?" for misspelled keys, enum values and catalog ids. */
public final class Suggestions {
    private Suggestions() {}

    /**
     * The candidate closest to what was written, when it is close enough to be a likely typo:
     * equal once case and separators are ignored ({@code h100sxm} → {@code h100-sxm}), a prefix of
     * a candidate, or within an edit distance of about a third of its length.
     */
    public static Optional<String> closest(String written, Collection<String> candidates) {
        String w = normalize(written);
        if (w.isEmpty()) {
            return Optional.empty();
        }
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        int limit = Math.max(1, Math.min(3, w.length() / 3));
        for (String c : candidates) {
            String n = normalize(c);
            int d = distance(w, n);
            boolean close = d <= limit || (w.length() >= 3 && (n.startsWith(w) || w.startsWith(n)));
            if (close && d < bestScore) {
                best = c;
                bestScore = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code "; did you mean 'x'?"}, or the empty string when nothing is close. */
    public static String didYouMean(String written, Collection<String> candidates) {
        return closest(written, candidates).map(c -> "; did you mean '" + c + "'?").orElse("");
    }

    /**
     * Optimal-string-alignment distance: insertions, deletions, substitutions and transpositions
     * of adjacent characters each cost 1.
     */
    public static int distance(String a, String b) {
        int n = a.length();
        int m = b.length();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[n][m];
    }

    private static String normalize(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char ch : s.toLowerCase(Locale.ROOT).toCharArray()) {
            if (ch != '-' && ch != '_' && ch != ' ' && ch != '.') {
                sb.append(ch);
            }
        }
        return sb.toString();
    }
}
