package org.bloodbridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import org.bloodbridge.http.access.Role;
import org.junit.jupiter.api.Test;

/** The registry and joint screening over real HTTP against the real Cassandra. */
class DonorApiTest extends OneServerPerClass {
    static String registration(String centre, String nationalId, String sex, String birthDate) {
        return """
                {"centre": "%s", "idType": "CN_RIC", "nationalId": "%s", "name": "Test Donor", "phone": "13800000000",
                 "sex": "%s", "birthDate": "%s", "weightKg": 62, "abo": "O", "rhD": "POS",
                 "hla": {"A": ["A*02:01", "A*24:02"], "B": ["B*46:01", "B13"], "C": ["C*01:02"]},
                 "hpa": {"HPA-1": "aa", "HPA-5": "ab"},
                 "redCell": {"Fy(a)": "+", "Fy(b)": "-", "Jk(a)": "+", "Jk(b)": "-"}}
                """.formatted(centre, nationalId, sex, birthDate);
    }

    /** Registers a 36-year-old man at {@code centre} and returns his donorId. */
    static String registerDonor(TestServer server, String centre, String nationalId) {
        HttpResponse<String> response = server.post("/api/v1/donors", registration(centre, nationalId, "M", "1990-05-01"));
        assertEquals(201, response.statusCode(), response.body());
        return TestServer.json(response).get("donorId").asText();
    }

    static String newResidentId() {
        return TestIds.resident(LocalDate.of(1990, 5, 1), true);
    }

    @Test
    void registersAndNeverShowsTheNationalId() {
        String nationalId = newResidentId();
        HttpResponse<String> created = server.post("/api/v1/donors", registration("CD", nationalId, "M", "1990-05-01"));
        assertEquals(201, created.statusCode(), created.body());
        assertFalse(created.body().contains(nationalId), "the raw ID is never returned");
        JsonNode donor = TestServer.json(created);
        String donorId = donor.get("donorId").asText();
        assertEquals(24, donorId.length());
        assertEquals("CD", donor.get("homeCentre").asText());
        assertEquals("A*24:02", donor.at("/hla/A/1").asText());
        assertEquals("ab", donor.at("/hpa/HPA-5").asText());
        assertEquals("{\"A\":[\"A2\",\"A24\"],\"B\":[\"B46\",\"B13\"],\"C\":[\"Cw1\"]}", donor.get("antigens").toString());
        assertEquals("[\"Bw4\",\"Bw6\"]", donor.get("bw").toString());
        assertEquals("[\"PLATELET\"]", donor.get("panels").toString());

        HttpResponse<String> got = server.get("/api/v1/donors/" + donorId);
        assertEquals(200, got.statusCode());
        assertEquals(donorId, TestServer.json(got).get("donorId").asText());

        HttpResponse<String> found = server.post("/api/v1/donors/lookup",
                "{\"idType\": \"CN_RIC\", \"nationalId\": \"" + nationalId.toLowerCase() + "\"}");
        assertEquals(200, found.statusCode(), found.body());
        assertEquals(donorId, TestServer.json(found).get("donorId").asText());
    }

    @Test
    void aboAndRhDAreReadWhateverTheCaseAndShownUpperCase() {
        String body = registration("CD", newResidentId(), "M", "1990-05-01")
                .replace("\"abo\": \"O\"", "\"abo\": \"ab\"")
                .replace("\"rhD\": \"POS\"", "\"rhD\": \"neg\"");
        HttpResponse<String> created = server.post("/api/v1/donors", body);
        assertEquals(201, created.statusCode(), created.body());
        JsonNode donor = TestServer.json(created);
        assertEquals("AB", donor.get("abo").asText());
        assertEquals("NEG", donor.get("rhD").asText());

        HttpResponse<String> patched = server.patch("/api/v1/donors/" + donor.get("donorId").asText(), "{\"abo\": \"b\"}");
        assertEquals(200, patched.statusCode(), patched.body());
        assertEquals("B", TestServer.json(patched).get("abo").asText());

        assertEquals(200, server.get("/api/v1/donors/search?abo=ab").statusCode(), "the search parameter reads it alike");
    }

    @Test
    void aRarePhenotypeDonorIsOnTheRarePanelAndANullAlleleExpressesNothing() {
        String body = registration("CQ", newResidentId(), "M", "1990-05-01")
                .replace("\"Fy(a)\": \"+\"", "\"Fy(a)\": \"-\"")
                .replace("\"A*24:02\"", "\"A*01:01:01:02N\"");
        HttpResponse<String> created = server.post("/api/v1/donors", body);
        assertEquals(201, created.statusCode(), created.body());
        JsonNode donor = TestServer.json(created);
        assertEquals("[\"PLATELET\",\"RARE\"]", donor.get("panels").toString());
        assertEquals("[\"A2\"]", donor.at("/antigens/A").toString());
        assertEquals("A*01:01:01:02N", donor.at("/hla/A/1").asText(), "typing is kept as given");
    }

    @Test
    void referenceDataInForceIsReported() {
        JsonNode reference = TestServer.json(server.get("/api/v1/reference"));
        assertEquals("3.58.0", reference.get("imgtHlaRelease").asText());
        assertEquals("CN-GB18467-2011", reference.get("ruleSet").asText());
        assertEquals("[CD, CQ]", TestServer.json(server.get("/api/v1/centres")).findValuesAsText("code").toString());
    }

    @Test
    void theSamePersonAtAnotherCentreIsAConflictNamingTheDonor() {
        String nationalId = newResidentId();
        String donorId = registerDonor(server, "CD", nationalId);
        HttpResponse<String> again = server.post("/api/v1/donors", registration("CQ", nationalId, "M", "1990-05-01"));
        assertEquals(409, again.statusCode());
        JsonNode error = TestServer.json(again);
        assertEquals("donor_exists", error.get("error").asText());
        assertEquals(donorId, error.get("donorId").asText());
        assertEquals("CD", TestServer.json(server.get("/api/v1/donors/" + donorId)).get("homeCentre").asText());
    }

    @Test
    void aDonationAtChongqingBlocksWholeBloodAtChengduUntilTheIntervalEnds() {
        String donorId = registerDonor(server, "CD", newResidentId());
        HttpResponse<String> donated = server.post("/api/v1/donors/" + donorId + "/donations",
                "{\"centre\": \"CQ\", \"type\": \"WHOLE_BLOOD\", \"date\": \"2026-06-01\", \"volumeMl\": 400, \"din\": \"G123498654321H\"}");
        assertEquals(201, donated.statusCode(), donated.body());

        JsonNode check = TestServer.json(server.get("/api/v1/donors/" + donorId + "/eligibility?type=WHOLE_BLOOD&date=2026-11-25"));
        assertFalse(check.get("eligible").asBoolean());
        assertEquals("INTERVAL", check.at("/reasons/0/code").asText());
        assertEquals("2026-12-01", check.get("nextEligibleDate").asText());

        HttpResponse<String> refused = server.post("/api/v1/donors/" + donorId + "/donations",
                "{\"centre\": \"CD\", \"type\": \"WHOLE_BLOOD\", \"date\": \"2026-11-25\", \"volumeMl\": 400}");
        assertEquals(409, refused.statusCode());
        assertEquals("not_eligible", TestServer.json(refused).get("error").asText());
        assertEquals("INTERVAL", TestServer.json(refused).at("/reasons/0/code").asText());

        JsonNode donor = TestServer.json(server.get("/api/v1/donors/" + donorId));
        assertEquals(1, donor.get("donations").size(), "the refused donation left no trace");
        assertEquals("[\"CD\",\"CQ\"]", donor.get("centres").toString());

        JsonNode platelets = TestServer.json(server.get("/api/v1/donors/" + donorId + "/eligibility?type=PLATELETS_APHERESIS&date=2026-11-25"));
        assertTrue(platelets.get("eligible").asBoolean(), "3 months after whole blood, platelets are allowed");
    }

    @Test
    void aReactiveTestAtChengduBlocksABatchCheckByIdCardAtChongqing() {
        String nationalId = newResidentId();
        String donorId = registerDonor(server, "CD", nationalId);
        String clean = newResidentId();
        registerDonor(server, "CQ", clean);
        assertEquals(201, server.post("/api/v1/donors/" + donorId + "/test-results",
                "{\"centre\": \"CD\", \"date\": \"2026-06-02\", \"marker\": \"SYPHILIS\", \"result\": \"REACTIVE\"}").statusCode());

        HttpResponse<String> batch = server.post("/api/v1/eligibility/batch", """
                {"type": "WHOLE_BLOOD", "date": "2026-11-25", "checks": [
                  {"nationalId": "%s", "idType": "CN_RIC"},
                  {"nationalId": "%s"},
                  {"donorId": "aaaaaaaaaaaaaaaaaaaaaaaa"},
                  {"nationalId": "123"},
                  {"donorId": "%s"}]}
                """.formatted(nationalId, clean, donorId));
        assertEquals(200, batch.statusCode(), batch.body());
        JsonNode results = TestServer.json(batch).get("results");
        assertEquals(5, results.size());
        assertFalse(results.get(0).get("eligible").asBoolean());
        assertEquals("DEFERRED_PERMANENT", results.get(0).at("/reasons/0/code").asText());
        assertTrue(results.get(0).get("nextEligibleDate").isNull());
        assertTrue(results.get(1).get("eligible").asBoolean());
        assertEquals("not_found", results.get(2).get("error").asText());
        assertEquals("invalid", results.get(3).get("error").asText());
        assertEquals("checks[3].nationalId", results.get(3).get("field").asText());
        assertEquals(donorId, results.get(4).get("donorId").asText());
        assertFalse(batch.body().contains(nationalId), "the raw ID is never returned");
    }

    @Test
    void deferralsBlockUntilTheirEndDate() {
        String donorId = registerDonor(server, "CQ", newResidentId());
        HttpResponse<String> deferred = server.post("/api/v1/donors/" + donorId + "/deferrals",
                "{\"centre\": \"CD\", \"reason\": \"travel\", \"from\": \"2026-11-01\", \"until\": \"2027-05-01\"}");
        assertEquals(201, deferred.statusCode(), deferred.body());
        JsonNode check = TestServer.json(server.get("/api/v1/donors/" + donorId + "/eligibility?type=PLATELETS_APHERESIS"));
        assertEquals("2026-11-25", check.get("date").asText(), "date defaults to today in the server's zone");
        assertEquals("DEFERRED_TEMPORARY", check.at("/reasons/0/code").asText());
        assertEquals("2027-05-01", check.get("nextEligibleDate").asText());
    }

    /**
     * Checks are answered by the eligibility shards once they hold a donor's facts; a deferral,
     * acknowledged, is in them: the single and the batch check that follow both refuse. A date before
     * the facts were made is answered by the DonorEntity, on the same history.
     */
    @Test
    void anAcknowledgedDeferralBlocksTheNextSingleAndBatchCheck() {
        String donorId = registerDonor(server, "CQ", newResidentId());
        String batchBody = "{\"type\": \"WHOLE_BLOOD\", \"checks\": [{\"donorId\": \"%s\"}]}".formatted(donorId);
        assertTrue(TestServer.json(server.get("/api/v1/donors/" + donorId + "/eligibility")).get("eligible").asBoolean());
        assertTrue(TestServer.json(server.post("/api/v1/eligibility/batch", batchBody)).at("/results/0/eligible").asBoolean());

        HttpResponse<String> deferred = server.post("/api/v1/donors/" + donorId + "/deferrals",
                "{\"centre\": \"CD\", \"reason\": \"fever\", \"from\": \"2026-11-25\", \"until\": \"2026-12-20\"}");
        assertEquals(201, deferred.statusCode(), deferred.body());

        JsonNode single = TestServer.json(server.get("/api/v1/donors/" + donorId + "/eligibility"));
        assertFalse(single.get("eligible").asBoolean(), single.toString());
        assertEquals("DEFERRED_TEMPORARY", single.at("/reasons/0/code").asText());
        assertEquals("2026-12-20", single.get("nextEligibleDate").asText());
        HttpResponse<String> batch = server.post("/api/v1/eligibility/batch", batchBody);
        assertEquals(200, batch.statusCode(), batch.body());
        JsonNode slot = TestServer.json(batch).at("/results/0");
        assertFalse(slot.get("eligible").asBoolean(), slot.toString());
        assertEquals(single.get("reasons"), slot.get("reasons"), "the same answer either way");
        assertEquals(donorId, slot.get("donorId").asText());

        JsonNode before = TestServer.json(server.get("/api/v1/donors/" + donorId + "/eligibility?date=2026-11-24"));
        assertTrue(before.get("eligible").asBoolean(), "the day before the deferral (asked of the entity)");
    }

    @Test
    void patchUpdatesOnlyWhatIsGiven() {
        String donorId = registerDonor(server, "CD", newResidentId());
        HttpResponse<String> patched = server.patch("/api/v1/donors/" + donorId,
                "{\"centre\": \"CQ\", \"weightKg\": 70, \"hla\": {\"B\": [\"B*40:01\", \"B*15:01\"]}}");
        assertEquals(200, patched.statusCode(), patched.body());
        JsonNode donor = TestServer.json(patched);
        assertEquals(70, donor.get("weightKg").asInt());
        assertEquals("A*02:01", donor.at("/hla/A/0").asText());
        assertEquals("B*40:01", donor.at("/hla/B/0").asText());
        assertEquals("Test Donor", donor.get("name").asText());
        assertNotNull(donor.get("registeredAt"));
    }

    @Test
    void aReactiveResultAtCqPutsTheDonationsInsideTheWindowOnEachCollectingCentresListOnce() {
        String donorId = Recalls.donorWithDonations(server, false);
        Recalls.hiv(server, donorId, "CQ", "2026-11-20", "REACTIVE");
        MatchApiTest.awaitTrue(() -> Recalls.of(server, "CD", donorId).size() == 1 && Recalls.of(server, "CQ", donorId).size() == 1,
                "the recalls on the CD and CQ lists");
        JsonNode cd = Recalls.of(server, "CD", donorId).get(0);
        assertEquals(List.of("2026-07-15"), Recalls.dates(List.of(cd)), "2025-06-01 is before the window (2025-11-20)");
        assertEquals(List.of("2026-01-10"), Recalls.dates(Recalls.of(server, "CQ", donorId)));
        assertEquals("HIV", cd.get("marker").asText());
        assertEquals("REACTIVE", cd.get("result").asText());
        assertEquals("2026-11-20", cd.get("testDate").asText());
        assertEquals("WHOLE_BLOOD", cd.at("/donation/type").asText());
        assertEquals("OPEN", cd.get("status").asText());

        // The same episode again adds nothing; the acknowledgement after it shows once it is projected.
        Recalls.hiv(server, donorId, "CD", "2026-11-22", "REACTIVE");
        String recallId = cd.get("recallId").asText();
        var acked = server.post("/api/v1/recalls/" + recallId + "/acknowledge", "{\"outcome\": \"QUARANTINED\", \"note\": \"held\"}");
        assertEquals(200, acked.statusCode(), acked.body());
        assertEquals("CD", TestServer.json(acked).at("/acknowledgement/centre").asText());
        assertEquals(TestTokens.subjectOf(TestTokens.federation()), TestServer.json(acked).at("/acknowledgement/subject").asText());
        MatchApiTest.awaitTrue(() -> Recalls.of(server, "CD", donorId).get(0).get("status").asText().equals("ACKNOWLEDGED"),
                "the acknowledgement on the CD list");
        assertEquals(1, Recalls.of(server, "CD", donorId).size());
        assertEquals(1, Recalls.of(server, "CQ", donorId).size());
        assertEquals(409, server.post("/api/v1/recalls/" + recallId + "/acknowledge", "{\"outcome\": \"RECALLED\"}").statusCode());
        var open = TestServer.json(server.get("/api/v1/recalls?centre=CD&status=OPEN&limit=500"));
        open.get("recalls").forEach(r -> assertFalse(r.get("recallId").asText().equals(recallId), "acknowledged, not open"));

        JsonNode stats = TestServer.json(server.get("/api/v1/stats?from=2026-01-01&to=2026-11-25"));
        for (JsonNode centre : stats.get("centres")) {
            if (centre.get("centre").asText().equals("CD")) {
                assertTrue(centre.at("/recalls/acknowledged").asLong() >= 1, centre.toString());
                assertTrue(centre.at("/recalls/medianSecondsToAcknowledge").isNumber(), centre.toString());
            }
            if (centre.get("centre").asText().equals("CQ")) {
                assertTrue(centre.at("/recalls/open").asLong() >= 1, centre.toString());
            }
        }
    }

    @Test
    void anEarlierNonReactiveResultMovesTheWindowBack() {
        String donorId = Recalls.donorWithDonations(server, true);
        Recalls.hiv(server, donorId, "CQ", "2026-11-20", "REACTIVE");
        MatchApiTest.awaitTrue(() -> Recalls.of(server, "CD", donorId).size() == 2, "both CD donations on the CD list");
        assertEquals(List.of("2025-06-01", "2026-07-15"), Recalls.dates(Recalls.of(server, "CD", donorId)),
                "from 2024-03-01: the NON_REACTIVE result of 2025-03-01 minus 12 months");
        assertEquals(List.of("2026-01-10"), Recalls.dates(Recalls.of(server, "CQ", donorId)));
    }

    @Test
    void aCentreSeesAndAcknowledgesOnlyItsOwnRecalls() {
        String donorId = Recalls.donorWithDonations(server, false);
        Recalls.hiv(server, donorId, "CQ", "2026-11-20", "REACTIVE");
        MatchApiTest.awaitTrue(() -> Recalls.of(server, "CD", donorId).size() == 1, "the recall on the CD list");
        String cdRecall = Recalls.of(server, "CD", donorId).get(0).get("recallId").asText();
        String cqLab = TestTokens.of("t-cq-lab-recalls", List.of("CQ"), List.of(Role.LAB.claim()));
        assertEquals(403, server.getAs(cqLab, "/api/v1/recalls?centre=CD").statusCode());
        assertEquals(200, server.getAs(cqLab, "/api/v1/recalls?centre=CQ").statusCode());
        assertEquals(403, server.postAs(cqLab, "/api/v1/recalls/" + cdRecall + "/acknowledge", "{\"outcome\": \"RECALLED\"}")
                .statusCode());
        String recruiter = TestTokens.of("t-cd-recruiter-recalls", List.of("CD"), List.of(Role.RECRUITER.claim()));
        assertEquals(403, server.getAs(recruiter, "/api/v1/recalls?centre=CD").statusCode());
        var bad = server.post("/api/v1/recalls/" + cdRecall + "/acknowledge", "{\"outcome\": \"LOST\"}");
        assertEquals(400, bad.statusCode(), bad.body());
        assertEquals("outcome", TestServer.json(bad).get("field").asText());
        assertEquals(404, server.post("/api/v1/recalls/" + donorId + "-0123456789abcdef/acknowledge", "{\"outcome\": \"RECALLED\"}")
                .statusCode());
        assertEquals(404, server.post("/api/v1/recalls/nonsense/acknowledge", "{\"outcome\": \"RECALLED\"}").statusCode());
        assertEquals(400, server.get("/api/v1/recalls?centre=CD&status=CLOSED").statusCode());
    }
}
