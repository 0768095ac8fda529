package org.bloodbridge.persistence.readside;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.bloodbridge.engine.outcome.PatientOutcomes;
import org.bloodbridge.engine.outcome.TransfusionOutcome;
import org.bloodbridge.engine.request.MatchRequest;

/**
 * The {@code patient_requests} and {@code transfusion_outcomes} tables (cql/readside.cql): each
 * patient's requests and outcomes, per requesting centre and patient reference, for the patient
 * history, the patient memory of a new request and the outcome statistics.
 */
public final class PatientHistoryTable {
    static final String REQUESTS = "patient_requests";
    static final String OUTCOMES = "transfusion_outcomes";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private final CassandraSession session;
    private final ReadSideSettings settings;
    private final OnceSucceeded<PreparedStatement> deleteRequest;
    private final OnceSucceeded<PreparedStatement> insertRequest;
    private final OnceSucceeded<PreparedStatement> insertOutcome;
    private final OnceSucceeded<PreparedStatement> selectRequests;
    private final OnceSucceeded<PreparedStatement> selectPatientOutcomes;
    private final OnceSucceeded<PreparedStatement> selectCentreOutcomes;

    PatientHistoryTable(CassandraSession session, ReadSideSettings settings, OnceSucceeded<Done> schema) {
        this.session = session;
        this.settings = settings;
        String requests = settings.keyspace() + "." + REQUESTS;
        String outcomes = settings.keyspace() + "." + OUTCOMES;
        this.deleteRequest = prepared(schema, "DELETE FROM " + requests
                + " USING TIMESTAMP ? WHERE centre = ? AND patient_reference = ? AND request_id = ?");
        this.insertRequest = prepared(schema, "INSERT INTO " + requests
                + " (centre, patient_reference, request_id, created_at, status, product, seq_nr)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?");
        this.insertOutcome = prepared(schema, "INSERT INTO " + outcomes
                + " (centre, patient_reference, request_id, donor_id, transfused_at, outcome) VALUES (?, ?, ?, ?, ?, ?)");
        this.selectRequests = prepared(schema, "SELECT request_id, created_at, status, product FROM " + requests
                + " WHERE centre = ? AND patient_reference = ?");
        this.selectPatientOutcomes = prepared(schema, "SELECT patient_reference, outcome FROM " + outcomes
                + " WHERE centre = ? AND patient_reference = ?");
        this.selectCentreOutcomes = prepared(schema, "SELECT patient_reference, outcome FROM " + outcomes + " WHERE centre = ?");
    }

    private OnceSucceeded<PreparedStatement> prepared(OnceSucceeded<Done> schema, String cql) {
        return new OnceSucceeded<>(() -> schema.get().thenCompose(done -> session.prepare(cql)));
    }

    /**
     * Writes the request's row and its outcomes; safe to repeat and to apply out of order (the row
     * with the highest event number wins, outcomes never change).
     */
    public CompletionStage<Done> record(MatchRequest r) {
        String centre = r.criteria().requestingCentre();
        String reference = r.criteria().patient().reference();
        if (reference == null) {
            return CompletableFuture.completedFuture(Done.getInstance());
        }
        long seqNr = r.events().size();
        CompletionStage<Done> row = deleteRequest.get().thenCombine(insertRequest.get(), (del, ins) ->
                        BatchStatement.newInstance(DefaultBatchType.UNLOGGED,
                                del.bind(seqNr - 1, centre, reference, r.requestId()),
                                ins.bind(centre, reference, r.requestId(), r.createdAt(), r.status().name(),
                                        r.criteria().product().name(), seqNr, seqNr))
                                .setExecutionProfileName(settings.profile()))
                .thenCompose(session::executeWrite);
        if (r.outcomes().isEmpty()) {
            return row;
        }
        return row.thenCompose(done -> insertOutcome.get()).thenCompose(ins -> {
            BatchStatement batch = BatchStatement.newInstance(DefaultBatchType.UNLOGGED);
            for (TransfusionOutcome o : r.outcomes()) {
                batch = batch.add(ins.bind(centre, reference, o.requestId(), o.donorId(), o.transfusedAt(), toJson(o)));
            }
            return session.executeWrite(batch.setExecutionProfileName(settings.profile()));
        });
    }

    /** The patient's requests, oldest first, and outcomes. */
    public CompletionStage<PatientHistory> history(String centre, String reference) {
        List<PatientRequest> requests = new ArrayList<>();
        CompletionStage<Done> read = PagedRead.rows(session, selectRequests.get().thenApply(ps -> ps.bind(centre, reference)),
                settings.listingPageSize(), settings.profile(), row -> {
                    requests.add(new PatientRequest(row.getString("request_id"), row.getInstant("created_at"),
                            row.getString("status"), row.getString("product")));
                    return false;
                });
        return read.thenCombine(outcomes(centre, reference), (done, outcomes) -> new PatientHistory(
                requests.stream().sorted(Comparator.comparing(PatientRequest::createdAt)).toList(), outcomes));
    }

    /** The patient's outcomes (the patient memory a new request ranks with). */
    public CompletionStage<PatientOutcomes> outcomes(String centre, String reference) {
        List<TransfusionOutcome> outcomes = new ArrayList<>();
        return PagedRead.rows(session, selectPatientOutcomes.get().thenApply(ps -> ps.bind(centre, reference)),
                settings.listingPageSize(), settings.profile(), row -> {
                    outcomes.add(fromJson(row.getString("outcome")));
                    return false;
                }).thenApply(done -> new PatientOutcomes(outcomes));
    }

    /** Every patient of {@code centre} with an outcome, each with their outcomes. */
    public CompletionStage<List<PatientOutcomes>> outcomesOfCentre(String centre) {
        Map<String, List<TransfusionOutcome>> byPatient = new LinkedHashMap<>();
        return PagedRead.rows(session, selectCentreOutcomes.get().thenApply(ps -> ps.bind(centre)),
                settings.listingPageSize(), settings.profile(), row -> {
                    byPatient.computeIfAbsent(row.getString("patient_reference"), p -> new ArrayList<>())
                            .add(fromJson(row.getString("outcome")));
                    return false;
                }).thenApply(done -> byPatient.values().stream().map(PatientOutcomes::new).toList());
    }

    private static String toJson(TransfusionOutcome outcome) {
        try {
            return JSON.writeValueAsString(outcome);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write an outcome as JSON", e);
        }
    }

    private static TransfusionOutcome fromJson(String json) {
        try {
            return JSON.readValue(json, TransfusionOutcome.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored transfusion outcome is not valid JSON", e);
        }
    }
}
