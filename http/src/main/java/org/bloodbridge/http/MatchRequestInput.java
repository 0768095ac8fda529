package org.bloodbridge.http;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.bloodbridge.engine.identity.Sex;
import org.bloodbridge.engine.query.MatchCriteria;
import org.bloodbridge.engine.query.MatchQueries;
import org.bloodbridge.engine.query.Patient;
import org.bloodbridge.engine.query.Product;
import org.bloodbridge.engine.query.Urgency;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.RhD;
import org.bloodbridge.http.access.Call;

/**
 * Reads {@code POST /api/v1/match-requests}: the request's shape here, and every antigen and
 * antibody name by compiling the request once against the reference tables, so a bad name is a
 * 400 naming its field before any pool is asked.
 */
final class MatchRequestInput {
    static final int DEFAULT_CANDIDATES = 20;
    static final int MAX_CANDIDATES = 200;
    static final int DEFAULT_TIMEOUT_MS = 2000;
    static final int MAX_TIMEOUT_MS = 10_000;
    /** Single-antigen-bead MFI reach about 30,000; anything past this is a typing error. */
    static final int MAX_MFI = 1_000_000;

    private final RequestChecks checks;
    private final MatchQueries queries;

    MatchRequestInput(RequestChecks checks, MatchQueries queries) {
        this.checks = checks;
        this.queries = queries;
    }

    /** The request in {@code body}, made by {@code call}: {@code requestingCentre} is one of the caller's centres. */
    MatchCriteria read(Fields body, Call call) {
        String centre = checks.actingCentre(body, "requestingCentre", call);
        Product product = body.enumValue("product", Product.class);
        int units = body.has("units") ? body.integerIn("units", 1, 20) : 1;
        Urgency urgency = body.has("urgency") ? body.enumValue("urgency", Urgency.class) : Urgency.ROUTINE;
        LocalDate neededBy = body.date("neededBy");
        if (neededBy.isBefore(checks.today())) {
            throw ApiError.invalid("neededBy", "neededBy " + neededBy + " is before today (" + checks.today() + ")");
        }
        Fields p = body.optionalObject("patient");
        if (p == null) {
            throw ApiError.invalid("patient", "patient is required");
        }
        List<String> hlaAntibodies = new ArrayList<>();
        List<Integer> hlaAntibodyMfi = new ArrayList<>();
        for (Object antibody : p.optionalStringsOrObjects("hlaAntibodies")) {
            if (antibody instanceof Fields withStrength) { // {"specificity": "B7", "mfi": 6400}
                hlaAntibodies.add(withStrength.text("specificity"));
                hlaAntibodyMfi.add(withStrength.integerIn("mfi", 0, MAX_MFI));
            } else {
                hlaAntibodies.add((String) antibody);
                hlaAntibodyMfi.add(null);
            }
        }
        Patient patient = new Patient(p.text("reference"), p.optionalEnum("sex", Sex.class), p.optionalAbo("abo"),
                p.optionalRhD("rhD"), p.stringListMap("hla"), hlaAntibodies,
                p.optionalStrings("hpaAntibodies"), p.optionalStrings("redCellAntibodies"),
                p.optionalStrings("requiredRedCellNegative"), hlaAntibodyMfi);
        int maxCandidates = body.has("maxCandidates") ? body.integerIn("maxCandidates", 1, MAX_CANDIDATES) : DEFAULT_CANDIDATES;
        int timeoutMs = body.has("timeoutMs") ? body.integerIn("timeoutMs", 100, MAX_TIMEOUT_MS) : DEFAULT_TIMEOUT_MS;
        var criteria = new MatchCriteria(centre, body.optionalText("hospital"), product, units, urgency, neededBy, patient,
                maxCandidates, timeoutMs, body.optionalBoolean("standing"));
        queries.compile(criteria); // throws InvalidField naming the patient field at fault
        return criteria;
    }
}
