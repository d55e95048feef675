package io.bodycam.bench.scenario.yaml;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean" for misspelt keys and values: the closest valid word by edit distance
 * (optimal string alignment: insert, delete, substitute, swap two neighbours), ignoring case,
 * '-' and '_', or a valid word that starts with what was written.
 */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * The valid word closest to {@code wrong}, if one is close enough: at most 2 edits (1 for
     * words of up to 3 letters), or a word that {@code wrong} is a prefix of (3 letters or more).
     * Ties go to the word listed first.
     */
    public static Optional<String> closest(String wrong, Collection<String> valid) {
        String typed = normalize(wrong);
        int limit = typed.length() <= 3 ? 1 : 2;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : valid) {
            String normalized = normalize(candidate);
            boolean prefix = typed.length() >= 3 && normalized.startsWith(typed);
            if (!prefix && Math.abs(typed.length() - normalized.length()) > limit) {
                continue;
            }
            int distance = distance(typed, normalized);
            if (distance > limit && prefix) {
                distance = limit;
            }
            if (distance <= limit && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Optimal string alignment distance (restricted Damerau-Levenshtein) between two words. */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static String normalize(String word) {
        return word.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }
}
