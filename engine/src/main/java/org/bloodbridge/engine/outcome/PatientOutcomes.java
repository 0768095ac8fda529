package org.bloodbridge.engine.outcome;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bloodbridge.engine.matching.Response;

/**
 * Every recorded transfusion of one patient (one requesting centre's patient reference), oldest
 * first: what the patient memory of domain-rules.md section 7 derives from.
 */
public record PatientOutcomes(List<TransfusionOutcome> outcomes) {
    public static final PatientOutcomes NONE = new PatientOutcomes(List.of());

    public PatientOutcomes {
        outcomes = outcomes == null ? List.of()
                : outcomes.stream().sorted(Comparator.comparing(TransfusionOutcome::transfusedAt)).toList();
    }

    public PatientOutcomes plus(Collection<TransfusionOutcome> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<TransfusionOutcome> all = new ArrayList<>(outcomes);
        for (TransfusionOutcome o : more) {
            if (all.stream().noneMatch(o::sameTransfusion)) {
                all.add(o);
            }
        }
        return new PatientOutcomes(all);
    }

    /** Refractory: a poor 1 h CCI with an ABO-compatible fresh unit on at least two occasions. */
    public boolean refractory() {
        return outcomes.stream().filter(TransfusionOutcome::refractoryOccasion).count() >= 2;
    }

    /** The donor's most recent outcome in this patient. */
    public Optional<TransfusionOutcome> latest(String donorId) {
        TransfusionOutcome last = null;
        for (TransfusionOutcome o : outcomes) {
            if (o.donorId().equals(donorId)) {
                last = o;
            }
        }
        return Optional.ofNullable(last);
    }

    /**
     * Each donor transfused into this patient: {@code POOR} if any of their CCIs was below 5,000
     * (one poor increment is enough to put them last), {@code GOOD} otherwise.
     */
    public Map<String, Response> responses() {
        Map<String, Response> responses = new HashMap<>();
        for (TransfusionOutcome o : outcomes) {
            responses.merge(o.donorId(), o.poor() ? Response.POOR : Response.GOOD,
                    (a, b) -> a == Response.POOR || b == Response.POOR ? Response.POOR : Response.GOOD);
        }
        return responses;
    }
}
