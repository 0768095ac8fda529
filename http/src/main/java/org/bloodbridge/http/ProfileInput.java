package org.bloodbridge.http;

import java.util.List;

/** Weight, ABO and RhD as the API accepts them. */
final class ProfileInput {
    private static final List<String> ABO = List.of("O", "A", "B", "AB");
    private static final List<String> RHD = List.of("POS", "NEG");

    private ProfileInput() {}

    static Integer weight(Fields body) {
        return body.has("weightKg") ? body.integerIn("weightKg", 20, 300) : null;
    }

    static String abo(Fields body) {
        return oneOf(body, "abo", ABO);
    }

    static String rhD(Fields body) {
        return oneOf(body, "rhD", RHD);
    }

    private static String oneOf(Fields body, String name, List<String> allowed) {
        if (!body.has(name)) {
            return null;
        }
        String value = body.text(name);
        if (!allowed.contains(value)) {
            throw ApiError.invalid(name, name + " must be one of " + String.join(", ", allowed));
        }
        return value;
    }
}
