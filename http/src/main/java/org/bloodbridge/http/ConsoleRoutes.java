package org.bloodbridge.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.getFromResourceDirectory;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.pathSingleSlash;
import static org.apache.pekko.http.javadsl.server.Directives.respondWithHeaders;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.typesafe.config.Config;
import java.net.URI;
import java.util.List;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
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
 * <p>Caching: library paths carry their version, and the page loads the console's own files from
 * {@code /console/v/<hash of them all>/} ({@link ConsoleAssets}), so both are cacheable for a year;
 * only the page itself is revalidated ({@code no-cache}). The unversioned {@code /console/*} paths
 * (and a version other than this node's, during a rolling upgrade) are served {@code no-cache}.
 */
final class ConsoleRoutes {
    /** {@code GET /console/config.json}: the provider the page signs in with, and where the token keeps centres and roles. */
    record ConsoleConfig(String issuer, String clientId, Claims claims) {}

    record Claims(String centre, String centres, String roles) {}

    private static final String A_YEAR = "public, max-age=31536000, immutable";

    private final ConsoleConfig config;
    private final ConsoleAssets assets;
    private final List<HttpHeader> pageHeaders;
    private final List<HttpHeader> immutableHeaders;

    ConsoleRoutes(ConsoleConfig config) {
        this.config = config;
        this.assets = ConsoleAssets.load();
        String issuerOrigin = origin(config.issuer());
        this.pageHeaders = List.of(
                RawHeader.create("Cache-Control", "no-cache"),
                RawHeader.create("X-Content-Type-Options", "nosniff"),
                RawHeader.create("Referrer-Policy", "no-referrer"),
                // The page talks to this node and to the provider only; sign-in leaves for the provider's page.
                RawHeader.create("Content-Security-Policy", "default-src 'self'; connect-src 'self' " + issuerOrigin
                        + "; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
                        + "; form-action 'self' " + issuerOrigin));
        this.immutableHeaders = List.of(RawHeader.create("Cache-Control", A_YEAR),
                RawHeader.create("X-Content-Type-Options", "nosniff"));
    }

    static ConsoleRoutes from(Config config) {
        AccessSettings access = AccessSettings.from(config);
        return new ConsoleRoutes(new ConsoleConfig(access.issuer(), config.getString("bloodbridge.console.client-id"),
                new Claims(access.centreClaim(), access.centresClaim(), access.rolesClaim())));
    }

    Route route() {
        return get(() -> concat(
                pathSingleSlash(() -> respondWithHeaders(pageHeaders,
                        () -> complete(HttpEntities.create(ContentTypes.TEXT_HTML_UTF8, assets.indexHtml())))),
                pathPrefix("console", () -> concat(
                        path("config.json", () -> respondWithHeaders(
                                List.of(RawHeader.create("Cache-Control", "no-cache")),
                                () -> complete(StatusCodes.OK, config, Json.marshaller()))),
                        pathPrefix("webjars", () -> respondWithHeaders(immutableHeaders,
                                () -> getFromResourceDirectory("META-INF/resources/webjars"))),
                        pathPrefix(segment("v").slash(segment()), version -> respondWithHeaders(
                                version.equals(assets.version()) ? immutableHeaders : pageHeaders,
                                () -> getFromResourceDirectory("console"))),
                        respondWithHeaders(pageHeaders, () -> getFromResourceDirectory("console"))))));
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
