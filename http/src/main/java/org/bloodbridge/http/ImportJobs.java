package org.bloodbridge.http;

import java.time.Instant;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The import jobs started on this node, by jobId. Jobs are per node and lost on restart (a later
 * issue may persist them); beyond {@link #MAX_JOBS} the oldest is forgotten.
 */
final class ImportJobs {
    private static final int MAX_JOBS = 1000;

    private final Map<String, ImportJob> jobs = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ImportJob> eldest) {
            return size() > MAX_JOBS;
        }
    };

    /** A new job of a caller acting for {@code centres}: only callers of one of them may read its report. */
    synchronized ImportJob start(Instant now, List<String> centres) {
        ImportJob job = new ImportJob(UUID.randomUUID().toString(), now, centres);
        jobs.put(job.id(), job);
        return job;
    }

    synchronized Optional<ImportJob> find(String jobId) {
        return Optional.ofNullable(jobs.get(jobId));
    }
}
