package org.bloodbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What every benchmark main shares: its {@code --name value} options, JSON answers, milliseconds. */
public final class Harness {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Harness() {}

    /** The value after {@code name} in {@code args}, or {@code fallback}. */
    public static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /** A response body as JSON; a body that is not JSON fails the run, quoting it. */
    public static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    public static double ms(long nanos) {
        return nanos / 1e6;
    }
}
