package org.bloodbridge.engine.query;

import org.bloodbridge.engine.InvalidField;
import org.bloodbridge.engine.matching.AntibodyCutoffs;
import org.bloodbridge.engine.matching.PlateletPatient;
import org.bloodbridge.engine.matching.PlateletRequest;
import org.bloodbridge.engine.matching.RedCellRequest;
import org.bloodbridge.engine.typing.TypingTables;

/**
 * A match request's criteria compiled against the reference tables: what a pool scans with, and
 * what the request re-confirms its candidates with ({@code request.Confirmation}).
 */
public final class MatchQuery {
    private final MatchCriteria criteria;
    private final TypingTables tables;
    private final PlateletRequest platelets;
    private final RedCellRequest redCells;

    private MatchQuery(MatchCriteria criteria, TypingTables tables, PlateletRequest platelets, RedCellRequest redCells) {
        this.criteria = criteria;
        this.tables = tables;
        this.platelets = platelets;
        this.redCells = redCells;
    }

    /** @throws InvalidField naming the patient field at fault (an unknown antigen, a red-cell request naming nothing) */
    public static MatchQuery compile(MatchCriteria criteria, TypingTables tables) {
        return compile(criteria, tables, AntibodyCutoffs.DEFAULT);
    }

    /** @param cutoffs the MFI thresholds of HLA antibodies given with a strength (configuration) */
    public static MatchQuery compile(MatchCriteria criteria, TypingTables tables, AntibodyCutoffs cutoffs) {
        Patient p = criteria.patient();
        if (criteria.product() == Product.PLATELETS_APHERESIS) {
            PlateletPatient patient = new PlateletPatient(p.hla(), p.hlaAntibodies(), p.hlaAntibodyMfi(), p.hpaAntibodies(),
                    p.abo(), p.rhD(), p.sex());
            return new MatchQuery(criteria, tables,
                    PlateletRequest.compile(tables.hla(), tables.crossReactiveGroups(), patient, cutoffs), null);
        }
        RedCellRequest redCells = RedCellRequest.compile(p.abo(), p.rhD(), p.redCellAntibodies(), p.requiredRedCellNegative(),
                tables.redCells());
        if (redCells.mustBeNegative() == 0 && !redCells.rhdNegativeOnly()) {
            throw new InvalidField("patient.requiredRedCellNegative", "a RED_CELLS request searches rare phenotypes: name "
                    + "the antigens the donor must lack (here or in redCellAntibodies), or give an RhD-negative patient");
        }
        return new MatchQuery(criteria, tables, null, redCells);
    }

    public MatchCriteria criteria() {
        return criteria;
    }

    /** Null for a red-cell request. */
    public PlateletRequest platelets() {
        return platelets;
    }

    /** Null for a platelet request. */
    public RedCellRequest redCells() {
        return redCells;
    }

    /** The reference tables the query was compiled against, which its candidates' typing is read with. */
    public TypingTables tables() {
        return tables;
    }
}
