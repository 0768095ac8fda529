package org.bloodbridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.time.LocalDate;

/** Registers donors with chosen typing over the API, for matching tests. */
final class Donors {
    private Donors() {}

    /**
     * Registers a 36-year-old woman at {@code centre} and returns her donorId.
     *
     * @param hla JSON object of HLA names per locus, such as {@code {"A": ["A2", "A24"], "B": ["B46", "B60"]}}
     * @param hpa JSON object of HPA genotypes, such as {@code {"HPA-1": "bb"}}
     * @param redCell JSON object of red-cell antigens, such as {@code {"Fy(a)": "-"}}
     */
    static String register(TestServer server, String centre, String abo, String rhD, String hla, String hpa, String redCell) {
        HttpResponse<String> response = server.post("/api/v1/donors", registration(centre, abo, rhD, hla, hpa, redCell));
        assertEquals(201, response.statusCode(), response.body());
        return TestServer.json(response).get("donorId").asText();
    }

    /** A registration body for a new 36-year-old woman (a fresh national ID each time). */
    static String registration(String centre, String abo, String rhD, String hla, String hpa, String redCell) {
        String nationalId = TestIds.resident(LocalDate.of(1990, 3, 1), false);
        return """
                {"centre": "%s", "nationalId": "%s", "sex": "F", "birthDate": "1990-03-01", "weightKg": 58,
                 "abo": "%s", "rhD": "%s", "hla": %s, "hpa": %s, "redCell": %s}
                """.formatted(centre, nationalId, abo, rhD, hla, hpa, redCell);
    }

    static String platelet(TestServer server, String centre, String abo, String hla, String hpa) {
        return register(server, centre, abo, "POS", hla, hpa, "{}");
    }

    static void defer(TestServer server, String donorId) {
        HttpResponse<String> deferred = server.post("/api/v1/donors/" + donorId + "/deferrals",
                "{\"centre\": \"CQ\", \"reason\": \"fever\", \"from\": \"2026-11-24\", \"until\": \"2027-01-10\"}");
        assertEquals(201, deferred.statusCode(), deferred.body());
    }
}
