package org.bloodbridge.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.getFromResource;
import static org.apache.pekko.http.javadsl.server.Directives.getFromResourceDirectory;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.pathSingleSlash;
import static org.apache.pekko.http.javadsl.server.Directives.respondWithHeaders;

import com.typesafe.config.Config;
import java.net.URI;
import java.util.List;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;
import org.bloodbridge.http.access.AccessSettings;

/**
 * The coordinator console: a static single page served from this jar, public (the page's API calls
 * carry the user's token, the files themselves are no secret). {@code GET /} is the page,
 * {@code /console/*} its scripts and styles, {@code /console/webjars/*} the libraries it uses
 * (WebJars on the classpath), {@code /console/config.json} where the page signs in.
 *
 * <p>Caching: library paths carry their version, so they are cacheable for a year; the console's
 * own files have no content hash yet, so browsers must revalidate them ({@code no-cache}, with the
 * ETag and Last-Modified that Pekko sets).
 */
final class ConsoleRoutes {
    /** {@code GET /console/config.json}: the provider the page signs in with, and where the token keeps centres and roles. */
    record ConsoleConfig(String issuer, String clientId, Claims claims) {}

    record Claims(String centre, String centres, String roles) {}

    private final ConsoleConfig config;
    private final List<HttpHeader> pageHeaders;

    ConsoleRoutes(ConsoleConfig config) {
        this.config = config;
        String issuerOrigin = origin(config.issuer());
        this.pageHeaders = List.of(
                RawHeader.create("Cache-Control", "no-cache"),
                RawHeader.create("X-Content-Type-Options", "nosniff"),
                RawHeader.create("Referrer-Policy", "no-referrer"),
                // The page talks to this node and to the provider only; sign-in leaves for the provider's page.
                RawHeader.create("Content-Security-Policy", "default-src 'self'; connect-src 'self' " + issuerOrigin
                        + "; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
                        + "; form-action 'self' " + issuerOrigin));
    }

    static ConsoleRoutes from(Config config) {
        AccessSettings access = AccessSettings.from(config);
        return new ConsoleRoutes(new ConsoleConfig(access.issuer(), config.getString("bloodbridge.console.client-id"),
                new Claims(access.centreClaim(), access.centresClaim(), access.rolesClaim())));
    }

    Route route() {
        return get(() -> concat(
                pathSingleSlash(() -> respondWithHeaders(pageHeaders,
                        () -> getFromResource("console/index.html", ContentTypes.TEXT_HTML_UTF8))),
                pathPrefix("console", () -> concat(
                        path("config.json", () -> respondWithHeaders(
                                List.of(RawHeader.create("Cache-Control", "no-cache")),
                                () -> complete(StatusCodes.OK, config, Json.marshaller()))),
                        pathPrefix("webjars", () -> respondWithHeaders(
                                List.of(RawHeader.create("Cache-Control", "public, max-age=31536000, immutable"),
                                        RawHeader.create("X-Content-Type-Options", "nosniff")),
                                () -> getFromResourceDirectory("META-INF/resources/webjars"))),
                        respondWithHeaders(pageHeaders, () -> getFromResourceDirectory("console"))))));
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
