package org.bloodbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import org.bloodbridge.engine.identity.DonorIds;
import org.bloodbridge.engine.identity.IdType;
import org.bloodbridge.engine.identity.NationalId;

/** What every benchmark main shares: its {@code --name value} options, JSON answers, milliseconds, donorIds. */
public final class Harness {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code bloodbridge.identity.secret} in http/src/main/resources/application.conf. */
    static final String DEV_SECRET = "bloodbridge-dev-secret-do-not-use-in-production";

    private Harness() {}

    /** The value after {@code name} in {@code args}, or {@code fallback}. */
    /**
     * A request to the API with the harness's access token: {@code BLOODBRIDGE_TOKEN}, e.g. from
     * {@code bin/bloodbridge token} (the suite sets it).
     */
    public static HttpRequest.Builder request(URI uri) {
        String token = System.getenv("BLOODBRIDGE_TOKEN");
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("BLOODBRIDGE_TOKEN is not set: export BLOODBRIDGE_TOKEN=$(bin/bloodbridge token ...)");
        }
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token.trim());
    }

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

    /**
     * The server's donorIds: keyed with {@code --secret}, else {@code BLOODBRIDGE_FEDERATION_SECRET},
     * else the dev secret a node runs with when neither is set.
     */
    public static DonorIds donorIds(String[] args) {
        String envSecret = System.getenv("BLOODBRIDGE_FEDERATION_SECRET");
        return new DonorIds(option(args, "--secret", envSecret == null || envSecret.isBlank() ? DEV_SECRET : envSecret));
    }

    /** The donorId of an import line (its {@code idType}, default CN_RIC, and {@code nationalId}). */
    public static String donorIdOf(JsonNode line, DonorIds donorIds) {
        IdType idType = line.hasNonNull("idType") ? IdType.valueOf(line.get("idType").asText()) : IdType.CN_RIC;
        return donorIds.donorIdOf(NationalId.parse(idType, line.get("nationalId").asText()));
    }
}
