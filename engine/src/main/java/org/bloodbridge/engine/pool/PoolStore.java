package org.bloodbridge.engine.pool;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.bloodbridge.engine.donor.DonorSummary;

/** Where a centre pool rebuilds its index from when it starts: the read-side table the projection keeps. */
public interface PoolStore {
    /**
     * Reads every stored summary of a centre's donors, in no particular order, handing them over a
     * page at a time (on any thread); completes once every page has been handed over.
     */
    CompletionStage<Void> loadCentre(String centre, Consumer<List<DonorSummary>> page);
}
