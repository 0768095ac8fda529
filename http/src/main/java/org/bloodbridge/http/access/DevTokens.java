package org.bloodbridge.http.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Access tokens from the dev identity provider, got the way a user gets one: the user (a Keycloak
 * user in the {@code bloodbridge} realm) signs in with a password (the password grant of client
 * {@code bloodbridge}).
 *
 * <p>{@link #accessToken} first makes sure that the user exists with exactly the given centres (user
 * attribute {@code centre}, the tokens' {@code centres} claim) and realm roles (the {@code roles}
 * claim), through Keycloak's Admin REST API as the bootstrap administrator: it creates the user, or
 * updates one that exists, so a second call for the same subject with other roles gives a token with
 * the new roles. The user's password is its name (development only).
 *
 * <p>In the tokens, {@code sub} is Keycloak's id for the user (a UUID, also returned by
 * {@link #ensureUser}); the subject name is {@code preferred_username}.
 *
 * <p>Only for a dev or test provider: this class creates users and knows the administrator's
 * password. Thread-safe.
 */
public final class DevTokens {
    /** The realm roles a caller may have (api-v1.md, section Access). */
    public static final Set<String> ROLES =
            Set.of("donor-site", "lab", "recruiter", "coordinator", "registry-admin", "auditor");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,62}");
    private static final Pattern CENTRE = Pattern.compile("[A-Z][A-Z0-9]{1,15}");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final String realm;
    private final String adminUsername;
    private final String adminPassword;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** For the dev provider at {@code baseUrl} ({@code http://127.0.0.1:<port>}), with its dev administrator. */
    public DevTokens(URI baseUrl) {
        this(baseUrl, DevIdentityProvider.REALM, DevIdentityProvider.DEV_ADMIN_USERNAME,
                DevIdentityProvider.DEV_ADMIN_PASSWORD);
    }

    public DevTokens(URI baseUrl, String realm, String adminUsername, String adminPassword) {
        String base = Objects.requireNonNull(baseUrl, "baseUrl").toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.realm = Objects.requireNonNull(realm, "realm");
        this.adminUsername = Objects.requireNonNull(adminUsername, "adminUsername");
        this.adminPassword = Objects.requireNonNull(adminPassword, "adminPassword");
    }

    /**
     * The tokens for the provider whose issuer is {@code issuer}
     * ({@code http://127.0.0.1:<port>/realms/<realm>}).
     */
    public static DevTokens forIssuer(URI issuer) {
        String text = issuer.toString();
        int realms = text.lastIndexOf("/realms/");
        if (realms < 0) {
            throw new IllegalArgumentException("not a Keycloak issuer: " + issuer);
        }
        return new DevTokens(URI.create(text.substring(0, realms)), text.substring(realms + "/realms/".length()),
                DevIdentityProvider.DEV_ADMIN_USERNAME, DevIdentityProvider.DEV_ADMIN_PASSWORD);
    }

    /** The issuer of this provider's tokens. */
    public URI issuer() {
        return URI.create(baseUrl + "/realms/" + realm);
    }

    /**
     * The subject used when none is given: {@code dev-} and the centres and roles, sorted, in lower
     * case, for example {@code dev-cd-coordinator-donor-site}; the same set always names the same user.
     */
    public static String defaultSubject(Collection<String> centres, Collection<String> roles) {
        List<String> parts = new ArrayList<>();
        parts.add("dev");
        new TreeSet<>(centres).forEach(centre -> parts.add(centre.toLowerCase(Locale.ROOT)));
        parts.addAll(new TreeSet<>(roles));
        return String.join("-", parts);
    }

    /**
     * An access token for {@code subject} (a user name: lower-case letters, digits, {@code . _ -})
     * at {@code centres} with {@code roles}; the user is created or updated first.
     */
    public String accessToken(String subject, Collection<String> centres, Collection<String> roles) {
        ensureUser(subject, centres, roles);
        return passwordGrant(subject, subject).path("access_token").asText();
    }

    /**
     * Makes sure the realm has user {@code subject} with exactly these centres and realm roles (and
     * password = the name); returns the user's id, the {@code sub} of its tokens.
     */
    public String ensureUser(String subject, Collection<String> centres, Collection<String> roles) {
        check(subject, centres, roles);
        String admin = adminToken();
        String id = findUser(admin, subject);
        ObjectNode user = userRepresentation(subject, centres);
        if (id == null) {
            HttpResponse<String> created = send(admin, "POST", adminUri("/users"), user);
            if (created.statusCode() == 201) {
                id = findUser(admin, subject);
            } else if (created.statusCode() == 409) { // created meanwhile by another caller
                id = findUser(admin, subject);
                expect(send(admin, "PUT", adminUri("/users/" + id), user), 204, "update user " + subject);
            } else {
                throw failure("create user " + subject, created);
            }
        } else {
            expect(send(admin, "PUT", adminUri("/users/" + id), user), 204, "update user " + subject);
        }
        if (id == null) {
            throw new IllegalStateException("user " + subject + " was created but cannot be found");
        }
        ObjectNode password = JSON.createObjectNode().put("type", "password").put("value", subject).put("temporary", false);
        expect(send(admin, "PUT", adminUri("/users/" + id + "/reset-password"), password), 204,
                "set the password of " + subject);
        setRealmRoles(admin, id, Set.copyOf(roles));
        return id;
    }

    private static void check(String subject, Collection<String> centres, Collection<String> roles) {
        if (subject == null || !NAME.matcher(subject).matches()) {
            throw new IllegalArgumentException("subject must be 2 to 63 of a-z 0-9 . _ - (starting with a letter "
                    + "or digit): " + subject);
        }
        if (centres.isEmpty() || !centres.stream().allMatch(centre -> CENTRE.matcher(centre).matches())) {
            throw new IllegalArgumentException("centres must be one or more centre codes such as CD: " + centres);
        }
        if (roles.isEmpty() || !ROLES.containsAll(roles)) {
            throw new IllegalArgumentException("roles must be one or more of " + new TreeSet<>(ROLES) + ": " + roles);
        }
    }

    private ObjectNode userRepresentation(String subject, Collection<String> centres) {
        ObjectNode user = JSON.createObjectNode()
                .put("username", subject)
                .put("enabled", true)
                .put("emailVerified", true)
                // Names, so that Keycloak never asks the user to complete a profile before a token.
                .put("firstName", subject)
                .put("lastName", String.join(" ", centres));
        ArrayNode centreValues = user.putObject("attributes").putArray("centre");
        centres.stream().distinct().forEach(centreValues::add);
        user.putArray("requiredActions");
        return user;
    }

    private String findUser(String admin, String subject) {
        HttpResponse<String> found = send(admin, "GET",
                adminUri("/users?exact=true&briefRepresentation=true&username=" + encode(subject)), null);
        expect(found, 200, "find user " + subject);
        for (JsonNode user : parse(found.body())) {
            if (subject.equals(user.path("username").asText())) {
                return user.path("id").asText();
            }
        }
        return null;
    }

    /** Removes every realm role of the user that is not in {@code wanted} (also the default role), adds the missing ones. */
    private void setRealmRoles(String admin, String userId, Set<String> wanted) {
        URI mappings = adminUri("/users/" + userId + "/role-mappings/realm");
        HttpResponse<String> current = send(admin, "GET", mappings, null);
        expect(current, 200, "read the roles of user " + userId);
        ArrayNode remove = JSON.createArrayNode();
        Set<String> have = new TreeSet<>();
        for (JsonNode role : parse(current.body())) {
            String name = role.path("name").asText();
            if (wanted.contains(name)) {
                have.add(name);
            } else {
                remove.add(role);
            }
        }
        if (!remove.isEmpty()) {
            expect(send(admin, "DELETE", mappings, remove), 204, "remove roles from user " + userId);
        }
        ArrayNode add = JSON.createArrayNode();
        for (String name : new TreeSet<>(wanted)) {
            if (!have.contains(name)) {
                HttpResponse<String> role = send(admin, "GET", adminUri("/roles/" + encode(name)), null);
                expect(role, 200, "read realm role " + name);
                add.add(parse(role.body()));
            }
        }
        if (!add.isEmpty()) {
            expect(send(admin, "POST", mappings, add), 204, "give roles to user " + userId);
        }
    }

    private String adminToken() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", "admin-cli");
        form.put("username", adminUsername);
        form.put("password", adminPassword);
        HttpResponse<String> response = post(URI.create(baseUrl + "/realms/master/protocol/openid-connect/token"), form);
        expect(response, 200, "sign in as Keycloak's administrator");
        return parse(response.body()).path("access_token").asText();
    }

    /** The token response of the password grant on client {@code bloodbridge}. */
    private JsonNode passwordGrant(String username, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", DevIdentityProvider.API_CLIENT);
        form.put("scope", "openid");
        form.put("username", username);
        form.put("password", password);
        HttpResponse<String> response = post(URI.create(issuer() + "/protocol/openid-connect/token"), form);
        expect(response, 200, "get a token for " + username);
        return parse(response.body());
    }

    private URI adminUri(String path) {
        return URI.create(baseUrl + "/admin/realms/" + realm + path);
    }

    private HttpResponse<String> post(URI uri, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        return exchange(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> send(String bearer, String method, URI uri, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + bearer)
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        return exchange(request.build());
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("the dev identity provider at " + baseUrl + " did not answer "
                    + request.method() + " " + request.uri().getPath(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw failure(what, response);
        }
    }

    private static IllegalStateException failure(String what, HttpResponse<String> response) {
        return new IllegalStateException("could not " + what + ": " + response.request().method() + " "
                + response.request().uri().getPath() + " answered " + response.statusCode() + " " + response.body());
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
