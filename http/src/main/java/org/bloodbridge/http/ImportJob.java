package org.bloodbridge.http;

import static java.util.Comparator.comparingLong;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bloodbridge.engine.donor.DonorEntity;

/**
 * The progress of one import, updated by its lines as they finish (concurrently, hence
 * synchronized) and read by {@code GET /api/v1/import/{jobId}}.
 */
final class ImportJob {
    /** Enough to fix a file; the count covers every rejected line, the list at most this many. */
    static final int MAX_LISTED_REJECTIONS = 1000;

    /** Why a line was rejected: the API error it would have had on its own. Never the line itself. */
    record Rejection(long line, String error, String field, String message) {}

    record Report(String jobId, boolean done, Instant startedAt, Instant finishedAt, String failure, long linesRead,
            long accepted, long created, long added, long skipped, long ruleViolations, long rejected,
            List<Rejection> rejections) {}

    private final String id;
    private final Instant startedAt;
    private final List<String> centres;
    private long linesRead;
    private long accepted;
    private long created;
    private long added;
    private long skipped;
    private long ruleViolations;
    private long rejected;
    private final List<Rejection> rejections = new ArrayList<>();
    private Instant finishedAt;
    private String failure;

    /** The centres of the caller who started the job. */
    List<String> centres() {
        return centres;
    }

    ImportJob(String id, Instant startedAt, List<String> centres) {
        this.id = id;
        this.startedAt = startedAt;
        this.centres = List.copyOf(centres);
    }

    String id() {
        return id;
    }

    synchronized void lineRead() {
        linesRead++;
    }

    synchronized void accepted(DonorEntity.Imported imported) {
        accepted++;
        created += imported.created() ? 1 : 0;
        added += imported.added();
        skipped += imported.skipped();
        ruleViolations += imported.ruleViolations();
    }

    synchronized void rejected(long line, ApiError error) {
        rejected++;
        if (rejections.size() < MAX_LISTED_REJECTIONS) {
            rejections.add(new Rejection(line, error.error(), error.field(), error.getMessage()));
        }
    }

    /** {@code failure} is null when the whole body was read. */
    synchronized void finished(Instant at, String failure) {
        this.finishedAt = at;
        this.failure = failure;
    }

    synchronized Report report() {
        List<Rejection> byLine = new ArrayList<>(rejections);
        byLine.sort(comparingLong(Rejection::line));
        return new Report(id, finishedAt != null, startedAt, finishedAt, failure, linesRead, accepted, created, added,
                skipped, ruleViolations, rejected, byLine);
    }
}
