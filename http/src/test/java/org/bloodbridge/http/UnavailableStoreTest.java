package org.bloodbridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without a reachable Cassandra the node answers 503 {@code unavailable}, never 500 and never a hang. */
class UnavailableStoreTest {

    private static String nowhere() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "127.0.0.1:" + socket.getLocalPort();
        }
    }

    @Test
    void aRequestThatOutlivesTheServersRequestTimeoutIs503InTheApiFormat() throws IOException {
        try (TestServer server = TestServer.startUnready("unreachable", nowhere(),
                Map.of("bloodbridge.ask-timeout", "10s", "pekko.http.server.request-timeout", "1s"))) {
            HttpResponse<String> register = server.post("/api/v1/donors",
                    DonorApiTest.registration("CD", DonorApiTest.newResidentId(), "M", "1990-05-01"));
            assertEquals(503, register.statusCode(), register.body());
            assertEquals("unavailable", TestServer.json(register).get("error").asText());
        }
    }

    @Test
    void anUnreachableStoreIs503() throws IOException {
        try (TestServer server = TestServer.startUnready("unreachable", nowhere(),
                Map.of("bloodbridge.ask-timeout", "2s"))) {
            HttpResponse<String> ready = server.get("/health/ready");
            assertEquals(503, ready.statusCode(), ready.body());
            assertEquals("unavailable", TestServer.json(ready).get("error").asText());

            HttpResponse<String> alive = server.get("/health/alive");
            assertEquals(200, alive.statusCode());

            HttpResponse<String> register = server.post("/api/v1/donors",
                    DonorApiTest.registration("CD", DonorApiTest.newResidentId(), "M", "1990-05-01"));
            assertEquals(503, register.statusCode(), register.body());
            assertEquals("unavailable", TestServer.json(register).get("error").asText());
        }
    }
}
