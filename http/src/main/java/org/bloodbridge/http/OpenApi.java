package org.bloodbridge.http;

import org.bloodbridge.engine.typing.Resources;

/** The OpenAPI 3 document of the API, a resource kept in step with the routes by OpenApiTest. */
final class OpenApi {
    private OpenApi() {}

    static String document() {
        return Resources.text("/openapi.json");
    }
}
