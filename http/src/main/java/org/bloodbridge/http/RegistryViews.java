package org.bloodbridge.http;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.bloodbridge.engine.outcome.OutcomeFigures;
import org.bloodbridge.engine.pool.PoolCounts;
import org.bloodbridge.persistence.readside.RecallFigures;

/** The registry's answers as the API shows them: a search page, and the panel statistics. */
final class RegistryViews {
    private RegistryViews() {}

    /** {@code GET /api/v1/donors/search}: {@code nextCursor} is null on the last page. */
    record SearchPage(List<DonorView> donors, String nextCursor) {}

    /** {@code GET /api/v1/stats}: per centre, and the federation's total. */
    record Stats(LocalDate from, LocalDate to, List<CentreFigures> centres, Figures total) {}

    /**
     * One centre's figures, flat beside its code; the transfusion outcomes of its patients (all
     * recorded so far, not limited to from/to): how many, the median 1 h CCI by HLA grade, and how
     * many of its patients are refractory; {@code recalls} as of now (its look-back recall list).
     */
    record CentreFigures(String centre, Growth donors, Growth plateletPanel, Growth rarePanel,
            Growth permanentDeferrals, int outcomesRecorded, Map<String, Integer> medianOneHourCciByGrade,
            int refractoryPatients, RecallFigures recalls) {

        static CentreFigures of(String centre, Figures figures, OutcomeFigures outcomes, RecallFigures recalls) {
            return new CentreFigures(centre, figures.donors(), figures.plateletPanel(), figures.rarePanel(),
                    figures.permanentDeferrals(), outcomes.outcomesRecorded(), outcomes.medianOneHourCciByGrade(),
                    outcomes.refractoryPatients(), recalls);
        }
    }

    record Figures(Growth donors, Growth plateletPanel, Growth rarePanel, Growth permanentDeferrals) {
        static Figures of(PoolCounts from, PoolCounts to) {
            return new Figures(
                    Growth.of(from.donors(), to.donors()),
                    Growth.of(from.platelet(), to.platelet()),
                    Growth.of(from.rare(), to.rare()),
                    Growth.of(from.permanentlyDeferred(), to.permanentlyDeferred()));
        }
    }

    /** {@code growthPercent} (one decimal) is null when there was nothing to grow from. */
    record Growth(long from, long to, Double growthPercent) {
        static Growth of(long from, long to) {
            return new Growth(from, to, from == 0 ? null : Math.round((to - from) * 1000.0 / from) / 10.0);
        }
    }
}
