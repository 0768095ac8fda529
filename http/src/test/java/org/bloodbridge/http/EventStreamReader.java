package org.bloodbridge.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A test's reader of a {@code text/event-stream}: collects its events on a thread of its own until closed. */
final class EventStreamReader implements AutoCloseable {
    record Event(String type, String id, String data) {}

    private final HttpResponse<InputStream> response;
    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<Event> seen = new ArrayList<>();

    private EventStreamReader(HttpResponse<InputStream> response) {
        this.response = response;
        Thread reader = new Thread(this::read, "event-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens {@code uri} with {@code token}, and {@code lastEventId} when not null; fails unless the answer is 200. */
    static EventStreamReader open(URI uri, String token, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                String body = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
                throw new AssertionError("event stream answered " + response.statusCode() + ": " + body);
            }
            if (!response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
                throw new AssertionError("not an event stream: " + response.headers());
            }
            return new EventStreamReader(response);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("could not open the event stream: " + e, e);
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String type = "message";
            String id = null;
            StringBuilder data = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (data != null && !data.isEmpty()) { // empty: the heartbeat
                        events.add(new Event(type, id, data.toString()));
                    }
                    type = "message";
                    id = null;
                    data = null;
                } else if (line.startsWith("event:")) {
                    type = line.substring(6).strip();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("data:")) {
                    data = (data == null ? new StringBuilder() : data.append('\n')).append(line.substring(5).strip());
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    /** The next event that satisfies {@code wanted}, skipping others (all are kept in {@link #seen}), within {@code within}. */
    Event next(Predicate<Event> wanted, Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (true) {
            long left = Duration.between(Instant.now(), deadline).toMillis();
            Event event;
            try {
                event = left <= 0 ? null : events.poll(left, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (event == null) {
                throw new AssertionError("no such event within " + within + "; seen: " + seen);
            }
            seen.add(event);
            if (wanted.test(event)) {
                return event;
            }
        }
    }

    /** Every event taken so far by {@link #next}. */
    List<Event> seen() {
        return List.copyOf(seen);
    }

    /** The events received but not yet taken. */
    List<Event> pending() {
        return new ArrayList<>(events);
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // already closed
        }
    }
}
