package org.bloodbridge.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.RhD;

/**
 * Reads the fields of one JSON object with the checks every endpoint needs, throwing
 * {@link ApiError#invalid} with the dot path of the offending field ({@code hla.A[1]}). Its
 * parsing functions ({@link #parseDate}, {@link #parseEnum}) also read query parameters
 * ({@link QueryParams}).
 */
public final class Fields {
    private final JsonNode node;
    private final String path;

    private Fields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The request body, which must be a JSON object. */
    public static Fields of(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiError.invalid(null, "the request body must be a JSON object");
        }
        return new Fields(body, "");
    }

    public String pathOf(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    public boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    private JsonNode required(String name) {
        if (!has(name)) {
            throw ApiError.invalid(pathOf(name), name + " is required");
        }
        return node.get(name);
    }

    public String text(String name) {
        JsonNode value = required(name);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw ApiError.invalid(pathOf(name), name + " must be a non-empty string");
        }
        return value.asText().trim();
    }

    public String optionalText(String name) {
        return has(name) ? text(name) : null;
    }

    public int integer(String name) {
        JsonNode value = required(name);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw ApiError.invalid(pathOf(name), name + " must be a whole number");
        }
        return value.intValue();
    }

    public Integer optionalInteger(String name) {
        return has(name) ? integer(name) : null;
    }

    public int integerIn(String name, int min, int max) {
        int value = integer(name);
        if (value < min || value > max) {
            throw ApiError.invalid(pathOf(name), name + " must be between " + min + " and " + max);
        }
        return value;
    }

    /** A JSON number (whole or with decimals), within [min, max]. */
    public double numberIn(String name, double min, double max, String range) {
        JsonNode value = required(name);
        if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
            throw ApiError.invalid(pathOf(name), name + " must be a number");
        }
        double number = value.doubleValue();
        if (number < min || number > max) {
            throw ApiError.invalid(pathOf(name), name + " must be " + range);
        }
        return number;
    }

    /** A moment with its offset, ISO 8601 (e.g. {@code 2026-11-26T09:30:00+08:00}). */
    public java.time.Instant instant(String name) {
        String text = text(name);
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiError.invalid(pathOf(name), name + " must be a date and time with an offset, as 2026-11-26T09:30:00+08:00");
        }
    }

    public boolean optionalBoolean(String name) {
        if (!has(name)) {
            return false;
        }
        JsonNode value = node.get(name);
        if (!value.isBoolean()) {
            throw ApiError.invalid(pathOf(name), name + " must be true or false");
        }
        return value.booleanValue();
    }

    public LocalDate date(String name) {
        return parseDate(text(name), pathOf(name), name);
    }

    public LocalDate optionalDate(String name) {
        return has(name) ? date(name) : null;
    }

    public <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        return parseEnum(text(name), type, pathOf(name), name);
    }

    public <E extends Enum<E>> E optionalEnum(String name, Class<E> type) {
        return has(name) ? enumValue(name, type) : null;
    }

    /** Parses {@code text} as a date {@code YYYY-MM-DD}; {@code field} is the path named in the error. */
    public static LocalDate parseDate(String text, String field, String name) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiError.invalid(field, name + " must be a date YYYY-MM-DD");
        }
    }

    /** Parses {@code text} as one of {@code type}'s constants (case-insensitive). */
    public static <E extends Enum<E>> E parseEnum(String text, Class<E> type, String field, String name) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            throw ApiError.invalid(field, name + " must be one of " + allowed);
        }
    }

    /** ABO read by {@link Abo#parse} (case-insensitive), or null when absent. */
    public Abo optionalAbo(String name) {
        return has(name) ? parseAbo(text(name), pathOf(name), name) : null;
    }

    /** RhD read by {@link RhD#parse} (case-insensitive), or null when absent. */
    public RhD optionalRhD(String name) {
        return has(name) ? parseRhD(text(name), pathOf(name), name) : null;
    }

    /** ABO wherever the API takes it (donor, patient, query parameter): {@link Abo#parse}. */
    public static Abo parseAbo(String text, String field, String name) {
        try {
            return Abo.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(field, name + " must be one of " + names(Abo.class));
        }
    }

    /** RhD wherever the API takes it (donor, patient): {@link RhD#parse}. */
    public static RhD parseRhD(String text, String field, String name) {
        try {
            return RhD.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(field, name + " must be one of " + names(RhD.class));
        }
    }

    private static String names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }

    /** A nested object, or null when absent. */
    public Fields optionalObject(String name) {
        if (!has(name)) {
            return null;
        }
        JsonNode value = node.get(name);
        if (!value.isObject()) {
            throw ApiError.invalid(pathOf(name), name + " must be an object");
        }
        return new Fields(value, pathOf(name));
    }

    /** An array of objects, or an empty list when absent. */
    public List<Fields> optionalObjects(String name) {
        if (!has(name)) {
            return List.of();
        }
        JsonNode value = node.get(name);
        if (!value.isArray()) {
            throw ApiError.invalid(pathOf(name), name + " must be an array");
        }
        List<Fields> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            String itemPath = pathOf(name) + "[" + i + "]";
            if (!value.get(i).isObject()) {
                throw ApiError.invalid(itemPath, "each entry of " + name + " must be an object");
            }
            items.add(new Fields(value.get(i), itemPath));
        }
        return items;
    }

    /** An object of string values (as HPA genotypes), keys in the order given. */
    public Map<String, String> stringMap(String name) {
        Fields map = optionalObject(name);
        Map<String, String> result = new LinkedHashMap<>();
        if (map != null) {
            for (String key : map.names()) {
                result.put(key, map.text(key));
            }
        }
        return result;
    }

    /** An object of string arrays (as HLA names per locus), keys in the order given. */
    public Map<String, List<String>> stringListMap(String name) {
        Fields map = optionalObject(name);
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (map == null) {
            return result;
        }
        for (String key : map.names()) {
            JsonNode list = map.node.get(key);
            if (!list.isArray()) {
                throw ApiError.invalid(map.pathOf(key), key + " must be an array of names");
            }
            List<String> names = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                if (!list.get(i).isTextual() || list.get(i).asText().isBlank()) {
                    throw ApiError.invalid(map.pathOf(key) + "[" + i + "]", "must be a non-empty string");
                }
                names.add(list.get(i).asText().trim());
            }
            result.put(key, names);
        }
        return result;
    }

    /** An array of non-empty strings (as antibody names), or an empty list when absent. */
    public List<String> optionalStrings(String name) {
        if (!has(name)) {
            return List.of();
        }
        JsonNode value = node.get(name);
        if (!value.isArray()) {
            throw ApiError.invalid(pathOf(name), name + " must be an array of strings");
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            if (!value.get(i).isTextual() || value.get(i).asText().isBlank()) {
                throw ApiError.invalid(pathOf(name) + "[" + i + "]", "must be a non-empty string");
            }
            items.add(value.get(i).asText().trim());
        }
        return items;
    }

    /**
     * An array whose entries are non-empty strings or objects (as HLA antibodies, by name or with a
     * strength), or an empty list when absent: a string entry as a trimmed {@code String}, an object as
     * {@code Fields} whose paths name the entry ({@code patient.hlaAntibodies[0].mfi}).
     */
    public List<Object> optionalStringsOrObjects(String name) {
        if (!has(name)) {
            return List.of();
        }
        JsonNode value = node.get(name);
        if (!value.isArray()) {
            throw ApiError.invalid(pathOf(name), name + " must be an array of strings or objects");
        }
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            String itemPath = pathOf(name) + "[" + i + "]";
            JsonNode item = value.get(i);
            if (item.isObject()) {
                items.add(new Fields(item, itemPath));
            } else if (item.isTextual() && !item.asText().isBlank()) {
                items.add(item.asText().trim());
            } else {
                throw ApiError.invalid(itemPath, "must be a non-empty string or an object");
            }
        }
        return items;
    }

    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    /** Refuses fields that may not be given here (as {@code nationalId} on a PATCH). */
    public void forbid(String name, String why) {
        if (node.has(name)) {
            throw ApiError.invalid(pathOf(name), why);
        }
    }
}
