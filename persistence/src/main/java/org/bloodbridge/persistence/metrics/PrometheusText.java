package org.bloodbridge.persistence.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads values out of a Prometheus text exposition (what {@code GET /metrics} answers), for tests
 * and the benchmark harness: e.g. the Cassandra requests a run made, from two scrapes.
 */
public final class PrometheusText {
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private PrometheusText() {}

    /**
     * The sum of the samples named {@code name} whose labels include all of {@code labels}
     * (0 when there is none), e.g. {@code sum(text, "cassandra_session_cql_requests_seconds_count", Map.of())}.
     */
    public static double sum(String exposition, String name, Map<String, String> labels) {
        double sum = 0;
        for (String line : exposition.split("\n")) {
            if (line.isEmpty() || line.startsWith("#") || !line.startsWith(name)) {
                continue;
            }
            int end = name.length();
            if (end == line.length() || (line.charAt(end) != '{' && line.charAt(end) != ' ')) {
                continue; // another metric whose name starts with this one
            }
            Map<String, String> found = new HashMap<>();
            int valueStart = end;
            if (line.charAt(end) == '{') {
                int close = labelsEnd(line, end);
                Matcher label = LABEL.matcher(line.substring(end + 1, close));
                while (label.find()) {
                    found.put(label.group(1), label.group(2));
                }
                valueStart = close + 1;
            }
            if (found.entrySet().containsAll(labels.entrySet())) {
                String[] rest = line.substring(valueStart).trim().split(" ");
                sum += Double.parseDouble(rest[0]);
            }
        }
        return sum;
    }

    /** The index of the '}' closing the labels opened at {@code open}, skipping quoted values. */
    private static int labelsEnd(String line, int open) {
        boolean quoted = false;
        for (int i = open + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '}' && !quoted) {
                return i;
            }
        }
        throw new IllegalArgumentException("unterminated labels: " + line);
    }
}
