package org.bloodbridge.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.datastax.oss.driver.api.core.CqlSession;
import java.net.http.HttpResponse;
import org.bloodbridge.persistence.cassandra.TestCassandra;
import org.junit.jupiter.api.Test;

/**
 * An audit entry that cannot be written is never dropped in silence: the caller gets 503 instead
 * of the answer, so an audited read of personal data is never answered unrecorded
 * (docs/OPERATIONS.md, "The audit trail").
 */
class AuditFailureTest {

    @Test
    void aReadThatCannotBeAuditedIsAnswered503WithoutTheData() {
        try (TestServer server = TestServer.start()) {
            String donorId = DonorApiTest.registerDonor(server, "CD", DonorApiTest.newResidentId());
            assertEquals(200, server.get("/api/v1/donors/" + donorId).statusCode(), "audited while the trail works");

            try (CqlSession cql = TestCassandra.shared().openSession()) {
                cql.execute("DROP TABLE readside_" + server.keyspaceSuffix + ".audit_by_day");
            }
            HttpResponse<String> read = server.get("/api/v1/donors/" + donorId);
            assertEquals(503, read.statusCode(), read.body());
            assertEquals("unavailable", TestServer.json(read).get("error").asText());
            assertFalse(read.body().contains("Test Donor"), "no personal data without its audit entry: " + read.body());
        }
    }
}
