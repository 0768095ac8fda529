package org.bloodbridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bloodbridge.http.access.Right;
import org.bloodbridge.http.access.Rights;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code /api/v1/openapi.json} in step with the routes: every documented operation is
 * routed (it never gets the "no such endpoint" or "method not allowed" answer), and every route
 * of the contract is documented.
 */
class OpenApiTest extends OneServerPerClass {
    private static final Set<String> METHODS = Set.of("get", "post", "patch", "put", "delete");
    /** Every operation the routes serve: the public ones and the rights table's (a new route needs a row there). */
    private static final Set<String> ROUTED = Stream.concat(Rights.PUBLIC.stream(), Rights.TABLE.stream())
            .map(Right::action).collect(Collectors.toUnmodifiableSet());

    @Test
    void theDocumentListsExactlyTheRoutedOperations() {
        HttpResponse<String> response = server.get("/api/v1/openapi.json");
        assertEquals(200, response.statusCode());
        JsonNode doc = TestServer.json(response);
        assertEquals("3.0.3", doc.get("openapi").asText());
        List<String> documented = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (METHODS.contains(method)) {
                    documented.add(method.toUpperCase() + " " + path.getKey());
                }
            });
        }
        assertEquals(ROUTED, Set.copyOf(documented));
        assertEquals(documented.size(), Set.copyOf(documented).size());
    }

    @Test
    void everyDocumentedOperationIsRouted() {
        for (String operation : ROUTED) {
            String[] parts = operation.split(" ");
            String path = parts[1].replace("{donorId}", "aaaaaaaaaaaaaaaaaaaaaaaa").replace("{jobId}", "no-such-job")
                    .replace("{requestId}", UUID.randomUUID().toString()).replace("{centre}", "CD").replace("{reference}", "P-none")
                    .replace("{recallId}", "aaaaaaaaaaaaaaaaaaaaaaaa-0123456789abcdef");
            HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).header("Content-Type", "application/json");
            request = parts[0].equals("GET") ? request.GET() : request.method(parts[0], HttpRequest.BodyPublishers.ofString("{}"));
            if (path.endsWith("/events")) {
                // An event stream stays open; an id it never sent is refused at once, after routing.
                request = request.header("Last-Event-ID", "not-an-id");
            }
            HttpResponse<String> response = server.send(request);
            assertNotEquals(405, response.statusCode(), operation);
            assertFalse(response.body().contains("no such endpoint"), operation + " is not routed: " + response.body());
        }
    }
}
