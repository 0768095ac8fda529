package org.bloodbridge.engine.donor;

import java.util.concurrent.CompletionStage;

/**
 * The donors' own records (their DonorEntity), as a centre pool sees them: asking for a summary
 * brings the record into memory, recovering it from the journal if it was not.
 */
@FunctionalInterface
public interface DonorRecords {
    /** The donor's current summary; completes with null when the donor is not registered. */
    CompletionStage<DonorSummary> summaryOf(String donorId);
}
