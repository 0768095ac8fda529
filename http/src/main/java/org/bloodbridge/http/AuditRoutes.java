package org.bloodbridge.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.bloodbridge.http.access.Call;
import org.bloodbridge.persistence.readside.AuditEntry;
import org.bloodbridge.persistence.readside.AuditPage;
import org.bloodbridge.persistence.readside.AuditQuery;
import org.bloodbridge.persistence.readside.AuditTable;

/**
 * {@code GET /api/v1/audit}: the audit trail for auditors, newest first, limited to entries that
 * touch the auditor's own centres (their donors, their requests, their staff's calls).
 */
final class AuditRoutes {
    /** How far back an unfiltered listing reads when {@code from} is not given. */
    private static final int DEFAULT_DAYS = 30;
    private static final Instant BEGINNING = Instant.parse("2000-01-01T00:00:00Z");

    private final AuditTable audit;
    private final RequestChecks checks;
    private final ZoneId zone;

    AuditRoutes(AuditTable audit, RequestChecks checks, ZoneId zone) {
        this.audit = audit;
        this.checks = checks;
        this.zone = zone;
    }

    Route route(Call call) {
        return path("audit", () -> get(() -> QueryParams.read(q -> {
            List<String> resources = new ArrayList<>();
            String donorId = q.optionalText("donorId");
            if (donorId != null) {
                resources.add("donor/" + donorId);
            }
            String requestId = q.optionalText("requestId");
            if (requestId != null) {
                resources.add("match-request/" + requestId);
            }
            String subject = q.optionalText("subject");
            Instant to = q.has("to") ? instant(q.text("to"), "to", true) : Instant.now();
            Instant from = q.has("from") ? instant(q.text("from"), "from", false)
                    : resources.isEmpty() && subject == null
                            ? checks.today().minusDays(DEFAULT_DAYS).atStartOfDay(zone).toInstant()
                            : BEGINNING;
            if (from.isAfter(to)) {
                throw ApiError.invalid("from", "from must not be after to");
            }
            int limit = q.integerIn("limit", 1, 500, 50);
            var query = new AuditQuery(resources, subject, from, to, Set.copyOf(call.caller().centres()), limit,
                    q.optionalText("cursor"));
            return onSuccess(list(query), page -> complete(StatusCodes.OK, AuditPageView.of(page), Json.marshaller()));
        })));
    }

    private CompletionStage<AuditPage> list(AuditQuery query) {
        try {
            return audit.list(query);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("cursor", e.getMessage());
        }
    }

    /** A date (its start, or its end when {@code end}) in the server's zone, or an instant. */
    private Instant instant(String text, String field, boolean end) {
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiError.invalid(field, field + " must be a date YYYY-MM-DD or an instant such as 2026-11-25T08:00:00Z");
        }
    }

    /** One audit entry as the API shows it. */
    record AuditEntryView(Instant at, String subject, String username, String centre, Set<String> centres,
                          Set<String> roles, String client, String action, String resource, List<String> resources,
                          int outcome) {
        static AuditEntryView of(AuditEntry e) {
            TreeSet<String> centres = new TreeSet<>(e.centres());
            return new AuditEntryView(e.at(), e.subject(), e.username(), centres.isEmpty() ? null : centres.first(), centres,
                    new TreeSet<>(e.roles()), e.client(), e.action(), e.resources().isEmpty() ? null : e.resources().get(0),
                    e.resources(), e.outcome());
        }
    }

    record AuditPageView(List<AuditEntryView> entries, String nextCursor) {
        static AuditPageView of(AuditPage page) {
            return new AuditPageView(page.entries().stream().map(AuditEntryView::of).toList(), page.nextCursor());
        }
    }
}
