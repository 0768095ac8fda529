package org.bloodbridge.engine.identity;

import org.bloodbridge.engine.InvalidField;
import java.util.Locale;

/**
 * ISBT 128 Donation Identification Number: facility (a letter + 4 alphanumerics), 2-digit year,
 * 6-digit sequence, optionally followed by its ISO 7064 MOD 37-2 check character.
 */
public final class Din {
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*";

    private Din() {}

    /**
     * Upper-cases and validates a DIN; when the 14th (check) character is present it must match.
     *
     * @return the 13-character DIN without its check character
     * @throws InvalidField naming {@code din}
     */
    public static String validate(String raw) {
        String din = raw.trim().toUpperCase(Locale.ROOT);
        if (!din.matches("[A-Z][A-Z0-9]{4}\\d{2}\\d{6}([0-9A-Z*])?")) {
            throw new InvalidField("din",
                    "a DIN is a letter, 4 letters or digits, a 2-digit year and a 6-digit sequence, then optionally its check character");
        }
        String body = din.substring(0, 13);
        if (din.length() == 14 && din.charAt(13) != checkCharacter(body)) {
            throw new InvalidField("din", "the DIN check character is wrong (ISO 7064 MOD 37-2)");
        }
        return body;
    }

    /** ISO 7064 MOD 37-2 over the 13 characters: {@code G123498654321} gives {@code H}. */
    public static char checkCharacter(String body) {
        int sum = 0;
        int weight = 2;
        for (int i = body.length() - 1; i >= 0; i--) {
            sum = (sum + ALPHABET.indexOf(body.charAt(i)) * weight) % 37;
            weight = (weight * 2) % 37;
        }
        return ALPHABET.charAt((38 - sum) % 37);
    }
}
