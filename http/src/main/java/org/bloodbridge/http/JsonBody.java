package org.bloodbridge.http;

import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequestEntity;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/** The request body as JSON: 415 unless it is {@code application/json}, 400 unless it parses. */
public final class JsonBody {
    private JsonBody() {}

    public static Route json(Function<JsonNode, Route> inner) {
        return extractRequestEntity(requestEntity -> {
            if (!requestEntity.getContentType().mediaType().equals(MediaTypes.APPLICATION_JSON)) {
                throw ApiError.of(StatusCodes.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                        "the request body must be application/json");
            }
            return entity(Unmarshaller.entityToString(), text -> inner.apply(Json.parse(text, "the request body")));
        });
    }

    /** Like {@link #fields}, for endpoints whose body may be left out (read as an empty object). */
    public static Route optionalFields(Function<Fields, Route> inner) {
        return extractRequestEntity(requestEntity -> requestEntity.isKnownEmpty()
                ? inner.apply(Fields.of(Json.MAPPER.createObjectNode()))
                : fields(inner));
    }

    /** Like {@link #json} for the body of an object, read through {@link Fields}. */
    public static Route fields(Function<Fields, Route> inner) {
        return json(node -> inner.apply(Fields.of(node)));
    }
}
