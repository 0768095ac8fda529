package org.bloodbridge.engine.identity;

import org.bloodbridge.engine.InvalidField;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * A validated, normalised national ID. It exists only in memory, long enough to derive the donorId
 * and to cross-check the stated birth date and sex; {@link #toString()} never shows the number.
 */
public final class NationalId {
    private static final int[] GB11643_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] GB11643_CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private final IdType type;
    private final String normalised;

    private NationalId(IdType type, String normalised) {
        this.type = type;
        this.normalised = normalised;
    }

    /** Trims and upper-cases; for {@code CN_RIC} also checks length, digits, birth date and check character. */
    public static NationalId parse(IdType type, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidField("nationalId", "nationalId is required");
        }
        String id = raw.trim().toUpperCase(Locale.ROOT);
        if (type == IdType.CN_RIC) {
            checkResidentId(id);
        } else if (id.length() > 64) {
            throw new InvalidField("nationalId", "nationalId is longer than 64 characters");
        }
        return new NationalId(type, id);
    }

    private static void checkResidentId(String id) {
        if (!id.matches("\\d{17}[\\dX]")) {
            throw new InvalidField("nationalId", "a CN_RIC number is 17 digits followed by a digit or X");
        }
        if (checkCharacter(id.substring(0, 17)) != id.charAt(17)) {
            throw new InvalidField("nationalId", "the CN_RIC check character is wrong (GB 11643-1999)");
        }
        residentBirthDate(id);
    }

    /** The GB 11643-1999 check character of the first 17 digits of a resident ID. */
    public static char checkCharacter(String first17Digits) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17Digits.charAt(i) - '0') * GB11643_WEIGHTS[i];
        }
        return GB11643_CHECK[sum % 11];
    }

    private static LocalDate residentBirthDate(String id) {
        try {
            return LocalDate.of(
                    Integer.parseInt(id.substring(6, 10)),
                    Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
        } catch (DateTimeException e) {
            throw new InvalidField("nationalId", "the birth date inside the CN_RIC number is not a real date");
        }
    }

    public IdType type() {
        return type;
    }

    /** The birth date the document encodes, if it encodes one. */
    public Optional<LocalDate> birthDate() {
        return type == IdType.CN_RIC ? Optional.of(residentBirthDate(normalised)) : Optional.empty();
    }

    /** The sex the document encodes (odd sequence digit = male), if it encodes one. */
    public Optional<Sex> sex() {
        return type == IdType.CN_RIC
                ? Optional.of((normalised.charAt(16) - '0') % 2 == 1 ? Sex.M : Sex.F)
                : Optional.empty();
    }

    /**
     * Rejects a stated birth date or sex that contradicts the document.
     *
     * @throws InvalidField naming {@code birthDate} or {@code sex}
     */
    public void checkConsistentWith(LocalDate statedBirthDate, Sex statedSex) {
        birthDate().filter(d -> !d.equals(statedBirthDate)).ifPresent(d -> {
            throw new InvalidField("birthDate", "birthDate does not match the birth date on the ID card");
        });
        sex().filter(s -> s != statedSex).ifPresent(s -> {
            throw new InvalidField("sex", "sex does not match the sex encoded on the ID card");
        });
    }

    /** The exact bytes the donorId is derived from: {@code idType + ":" + normalised id}. */
    String canonical() {
        return type.name() + ":" + normalised;
    }

    @Override
    public String toString() {
        return "NationalId[" + type + ", redacted]";
    }
}
