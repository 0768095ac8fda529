package org.bloodbridge.http;

import static org.bloodbridge.http.MatchApiTest.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fused registry across centres: search with filters and paging, and panel statistics. */
class RegistryApiTest extends OneServerPerClass {
    private static final List<String> RARE_FY = new ArrayList<>();
    private static String plateletDonor;

    @BeforeAll
    static void donors() {
        RARE_FY.add(Donors.register(server, "CD", "O", "POS", "{}", "{}", "{\"Fy(a)\": \"-\", \"Fy(b)\": \"+\"}"));
        RARE_FY.add(Donors.register(server, "CQ", "O", "POS", "{}", "{}", "{\"Fy(a)\": \"-\", \"Fy(b)\": \"+\"}"));
        RARE_FY.add(Donors.register(server, "CQ", "O", "POS", "{}", "{}", "{\"Fy(a)\": \"-\", \"Fy(b)\": \"+\"}"));
        RARE_FY.add(Donors.register(server, "CQ", "A", "POS", "{}", "{}", "{\"Fy(a)\": \"-\", \"Fy(b)\": \"+\"}"));
        Donors.register(server, "CQ", "O", "POS", "{}", "{}", "{\"Fy(a)\": \"+\", \"Fy(b)\": \"+\"}");
        plateletDonor = Donors.platelet(server, "CD", "B", MatchApiTest.PATIENT_HLA, "{\"HPA-1\": \"aa\"}");
        String deferred = Donors.register(server, "CD", "O", "POS", "{}", "{}", "{\"Fy(a)\": \"-\", \"Fy(b)\": \"+\"}");
        Donors.defer(server, deferred);
        RARE_FY.add(deferred);
        RARE_FY.sort(null);
    }

    private static JsonNode search(String query) {
        HttpResponse<String> response = server.get("/api/v1/donors/search?" + query);
        assertEquals(200, response.statusCode(), response.body());
        return TestServer.json(response);
    }

    private static List<String> ids(JsonNode page) {
        return page.get("donors").findValuesAsText("donorId");
    }

    @Test
    void searchFindsEveryDonorMatchingAllFiltersAcrossCentresInDonorIdOrder() {
        awaitTrue(() -> server.get("/api/v1/donors/search?panel=RARE&negative=Fy(a)").statusCode() == 200
                && ids(search("panel=RARE&negative=Fy(a)")).size() == RARE_FY.size(), "the pools have every donor");
        assertEquals(RARE_FY, ids(search("panel=RARE&negative=Fy(a)")));
        List<String> groupO = ids(search("negative=Fy(a)&abo=O&eligibleOn=2026-11-25"));
        assertEquals(3, groupO.size(), "O, Fy(a-) and eligible today: the deferred donor is left out");
        assertEquals(groupO, groupO.stream().sorted().toList());
        List<String> atChongqing = ids(search("negative=Fy(a)&centre=CQ"));
        assertEquals(3, atChongqing.size());
        JsonNode donor = search("panel=PLATELET").get("donors").get(0);
        assertEquals(plateletDonor, donor.get("donorId").asText());
        assertEquals("[\"PLATELET\"]", donor.get("panels").toString(), "the full donor JSON");
    }

    @Test
    void pagesCoverEveryMatchOnceAndEndWithANullCursor() {
        awaitTrue(() -> server.get("/api/v1/donors/search?negative=Fy(a)").statusCode() == 200
                && ids(search("negative=Fy(a)")).size() == RARE_FY.size(), "the pools have every donor");
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = search("negative=Fy(a)&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            seen.addAll(ids(page));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(RARE_FY, seen);
        assertEquals(3, pages);
    }

    @Test
    void statsCountPanelsAtTwoDatesWithGrowth() {
        awaitTrue(() -> server.get("/api/v1/stats?from=2026-01-01&to=2026-11-25").statusCode() == 200
                && TestServer.json(server.get("/api/v1/stats?from=2026-01-01&to=2026-11-25")).at("/total/donors/to").asLong() == 7,
                "the pools have every donor");
        JsonNode stats = TestServer.json(server.get("/api/v1/stats?from=2026-01-01&to=2026-11-25"));
        assertEquals(0, stats.at("/total/donors/from").asLong(), "everyone registered today");
        assertTrue(stats.at("/total/donors/growthPercent").isNull(), "no growth from nothing");
        assertEquals(1, stats.at("/total/plateletPanel/to").asLong());
        assertEquals(5, stats.at("/total/rarePanel/to").asLong(), "the Fy(a-) donors");
        JsonNode chengdu = stats.get("centres").get(0);
        assertEquals("CD", chengdu.get("centre").asText());
        assertEquals(3, chengdu.at("/donors/to").asLong());
        assertEquals(400, server.get("/api/v1/stats?from=2026-12-01&to=2026-11-25").statusCode());
        assertEquals(400, server.get("/api/v1/stats?to=2026-11-25").statusCode());
    }

    @Test
    void badFiltersAreRefusedWithTheField() {
        assertField(server.get("/api/v1/donors/search?negative=Fy(z)"), "negative");
        assertField(server.get("/api/v1/donors/search?panel=GOLD"), "panel");
        assertField(server.get("/api/v1/donors/search?limit=501"), "limit");
        assertField(server.get("/api/v1/donors/search?centre=XX"), "centre");
        assertField(server.get("/api/v1/donors/search?eligibleOn=tomorrow"), "eligibleOn");
        assertFalse(server.get("/api/v1/donors/search").body().contains("internal"));
    }

    private static void assertField(HttpResponse<String> response, String field) {
        assertEquals(400, response.statusCode(), response.body());
        assertEquals(field, TestServer.json(response).get("field").asText());
    }
}
