package org.bloodbridge.persistence.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    private static final String TEXT = """
            # HELP cassandra_session_cql_requests_seconds  
            # TYPE cassandra_session_cql_requests_seconds histogram
            cassandra_session_cql_requests_seconds_count{session="journal"} 120
            cassandra_session_cql_requests_seconds_count{session="readside"} 30
            cassandra_session_cql_requests_seconds_count_other{session="journal"} 999
            bloodbridge_http_requests_seconds_count{method="GET",route="/api/v1/donors/{donorId}",status="2xx"} 7.0
            bloodbridge_http_requests_seconds_count{method="GET",route="a \\"quoted}\\" one",status="4xx"} 2.0
            jvm_threads_live_threads 42.0 1700000000000
            """;

    @Test
    void sumsTheSamplesWhoseLabelsInclude() {
        assertEquals(150, PrometheusText.sum(TEXT, "cassandra_session_cql_requests_seconds_count", Map.of()));
        assertEquals(30, PrometheusText.sum(TEXT, "cassandra_session_cql_requests_seconds_count", Map.of("session", "readside")));
        assertEquals(7, PrometheusText.sum(TEXT, "bloodbridge_http_requests_seconds_count",
                Map.of("route", "/api/v1/donors/{donorId}", "status", "2xx")));
        assertEquals(2, PrometheusText.sum(TEXT, "bloodbridge_http_requests_seconds_count", Map.of("status", "4xx")));
        assertEquals(42, PrometheusText.sum(TEXT, "jvm_threads_live_threads", Map.of()));
        assertEquals(0, PrometheusText.sum(TEXT, "no_such_metric", Map.of()));
    }
}
