package org.bloodbridge.persistence.readside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RequestListingTableTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Instant T0 = Instant.parse("2026-11-25T04:00:00Z");
    private static final Comparator<RequestListing> NEWEST_FIRST = Comparator
            .comparing(RequestListing::createdAt, Comparator.reverseOrder())
            .thenComparing(RequestListing::requestId);

    private static ActorSystem<Void> system;
    private static RequestListingTable table;

    @BeforeAll
    static void start() {
        system = ActorSystem.create(Behaviors.empty(), "listings", TestConfigs.config(TestConfigs.freshSuffix()));
        // Driver pages of 3 rows: a listing page, and a status filter, read across several of them.
        ReadSide readSide = ReadSide.start(system, ReadSideSettings.from(system.settings().config()).withListingPageSize(3));
        Await.result(readSide.ready(), Duration.ofSeconds(60));
        table = readSide.requestListings();
    }

    @AfterAll
    static void stop() {
        system.terminate();
        Await.result(system.getWhenTerminated(), TIMEOUT);
    }

    @Test
    void pagesReturnEveryRequestOnceNewestFirst() {
        List<RequestListing> all = requests("C-PAGING", 23);
        upsertAll(all);
        upsertAll(requests("C-PAGING-OTHER", 5));

        List<RequestListing> seen = readAllPages("C-PAGING", null, 4);

        assertEquals(all.stream().sorted(NEWEST_FIRST).toList(), seen);
    }

    @Test
    void aFullLastPageHasNoCursor() {
        upsertAll(requests("C-EXACT", 8));
        ListingPage first = Await.result(table.list("C-EXACT", null, 4, null), TIMEOUT);
        assertNotNull(first.nextCursor());
        ListingPage second = Await.result(table.list("C-EXACT", null, 4, first.nextCursor()), TIMEOUT);
        assertEquals(4, second.requests().size());
        assertNull(second.nextCursor(), "nothing after the 8th request");
    }

    @Test
    void aStatusFilterSkipsOtherStatusesAcrossPages() {
        List<RequestListing> all = requests("C-STATUS", 30);
        upsertAll(all);

        List<RequestListing> open = readAllPages("C-STATUS", "OPEN", 2);

        List<RequestListing> expected = all.stream().filter(r -> r.status().equals("OPEN")).sorted(NEWEST_FIRST).toList();
        assertEquals(expected, open);
        assertTrue(expected.size() < all.size() / 2, "the filter has rows to skip");
        assertEquals(List.of(), Await.result(table.list("C-STATUS", "NO-SUCH-STATUS", 5, null), TIMEOUT).requests());
    }

    @Test
    void anOlderVersionNeverOverwritesANewerOne() {
        RequestListing v1 = listing("C-VERSIONS", T0, "req-v", "OPEN", LocalDate.of(2026, 11, 27), 1);
        RequestListing v3 = listing("C-VERSIONS", T0, "req-v", "FILLED", null, 3);
        Await.result(table.upsert(v3), TIMEOUT);
        Await.result(table.upsert(v1), TIMEOUT);
        assertEquals(List.of(v3), Await.result(table.list("C-VERSIONS", null, 10, null), TIMEOUT).requests());
    }

    @Test
    void aMalformedCursorIsRejected() {
        String notBase64 = "not a cursor!";
        String noSeparator = Base64.getUrlEncoder().encodeToString("12345".getBytes(StandardCharsets.UTF_8));
        String notAMoment = Base64.getUrlEncoder().encodeToString("yesterday|req-1".getBytes(StandardCharsets.UTF_8));
        for (String cursor : List.of(notBase64, noSeparator, notAMoment, "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> table.list("C-PAGING", null, 5, cursor), cursor);
            assertTrue(e.getMessage().startsWith("cursor is malformed"), e.getMessage());
        }
    }

    /** {@code n} requests, three of them at each moment (ties are ordered by request id), statuses rotating. */
    private static List<RequestListing> requests(String centre, int n) {
        List<String> statuses = List.of("OPEN", "FILLED", "CANCELLED", "EXPIRED");
        List<RequestListing> requests = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Instant createdAt = T0.plusMillis(1000L * (i / 3));
            requests.add(listing(centre, createdAt, "req-" + (char) ('a' + i % 3) + i, statuses.get(i % 4),
                    i % 5 == 0 ? null : LocalDate.of(2026, 11, 26 + i % 3), 1 + i % 2));
        }
        return requests;
    }

    private static RequestListing listing(String centre, Instant createdAt, String id, String status, LocalDate neededBy, long seqNr) {
        return new RequestListing(centre, createdAt, id, status, "PLATELETS_APHERESIS", "URGENT", "Hospital " + id,
                status.equals("OPEN") ? "MRN-" + id : null, neededBy, seqNr);
    }

    private static List<RequestListing> readAllPages(String centre, String status, int limit) {
        List<RequestListing> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ListingPage page = Await.result(table.list(centre, status, limit, cursor), TIMEOUT);
            assertTrue(page.requests().size() <= limit);
            assertTrue(page.nextCursor() == null || page.requests().size() == limit, "a short page is the last");
            seen.addAll(page.requests());
            cursor = page.nextCursor();
            assertTrue(++pages < 100, "paging does not end");
        } while (cursor != null);
        assertEquals(seen.size(), new HashSet<>(seen).size(), "a request on two pages");
        return seen;
    }

    private static void upsertAll(List<RequestListing> listings) {
        Await.result(CompletableFuture.allOf(listings.stream()
                .map(r -> table.upsert(r).toCompletableFuture())
                .toArray(CompletableFuture[]::new)), TIMEOUT);
    }
}
