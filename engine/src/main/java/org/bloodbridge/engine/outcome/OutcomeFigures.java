package org.bloodbridge.engine.outcome;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One centre's outcome statistics: outcomes recorded, the median 1 h CCI by HLA grade (only grades
 * with a 1 h outcome appear) and how many of its patients are refractory.
 */
public record OutcomeFigures(int outcomesRecorded, Map<String, Integer> medianOneHourCciByGrade, int refractoryPatients) {

    public static OutcomeFigures of(Collection<PatientOutcomes> patients) {
        int recorded = 0;
        int refractory = 0;
        Map<String, List<Integer>> byGrade = new TreeMap<>();
        for (PatientOutcomes patient : patients) {
            recorded += patient.outcomes().size();
            refractory += patient.refractory() ? 1 : 0;
            for (TransfusionOutcome o : patient.outcomes()) {
                if (o.oneHour()) {
                    byGrade.computeIfAbsent(o.grade() == null ? "NONE" : o.grade(), g -> new ArrayList<>()).add(o.cci());
                }
            }
        }
        Map<String, Integer> medians = new TreeMap<>();
        byGrade.forEach((grade, ccis) -> medians.put(grade, median(ccis)));
        return new OutcomeFigures(recorded, medians, refractory);
    }

    /** The middle value; of an even count, the mean of the two middle ones, rounded. */
    static int median(List<Integer> values) {
        List<Integer> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (int) Math.round((sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0);
    }
}
