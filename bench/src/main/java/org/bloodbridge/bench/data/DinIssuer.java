package org.bloodbridge.bench.data;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.bloodbridge.engine.identity.Din;

/**
 * Issues ISBT 128 DINs with their check character, unique per facility and year. The facility codes
 * ({@code Z} + the centre's first two characters + a 2-digit block) are synthetic, not ICCBBA-assigned;
 * a block holds a million sequence numbers, then the next block starts.
 */
final class DinIssuer {
    private static final int PER_BLOCK = 1_000_000;
    private final Map<String, String> prefixByCentre = new HashMap<>();
    private final Map<String, int[]> issuedByPrefixAndYear = new HashMap<>();

    String issue(String centre, int year) {
        String prefix = prefixByCentre.computeIfAbsent(centre,
                c -> "Z" + (c.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "") + "00").substring(0, 2));
        String yy = Digits.padded(year % 100, 2);
        int n = issuedByPrefixAndYear.computeIfAbsent(prefix + yy, k -> new int[1])[0]++;
        int block = n / PER_BLOCK;
        if (block > 99) {
            throw new IllegalStateException("more than 100 million DINs for " + centre + " in " + year);
        }
        String body = prefix + Digits.padded(block, 2) + yy + Digits.padded(n % PER_BLOCK, 6);
        return body + Din.checkCharacter(body);
    }
}
