package org.bloodbridge.bench;

import com.typesafe.config.ConfigFactory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bloodbridge.engine.eligibility.Deferral;
import org.bloodbridge.engine.eligibility.DonationType;
import org.bloodbridge.engine.eligibility.DonorHistory;
import org.bloodbridge.engine.eligibility.Eligibility;
import org.bloodbridge.engine.eligibility.EligibilityResult;
import org.bloodbridge.engine.eligibility.Marker;
import org.bloodbridge.engine.eligibility.PastDonation;
import org.bloodbridge.engine.eligibility.RuleSet;
import org.bloodbridge.engine.eligibility.RuleSets;
import org.bloodbridge.engine.eligibility.TestOutcome;
import org.bloodbridge.engine.eligibility.TestResult;
import org.bloodbridge.engine.identity.Sex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The eligibility rules (CN-GB18467-2011) for one donor: a regular platelet donor with two years
 * of history (48 apheresis donations, their test results, a past deferral), checked on a day when
 * the 14-day interval still blocks, so the next-eligible-date search runs too; and a first-time
 * donor who is eligible. Reports checks per second on one thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EligibilityBenchmark {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    private RuleSet rules;
    private DonorHistory regular;
    private DonorHistory firstTime;

    @Setup
    public void setUp() {
        rules = RuleSets.inForce(ConfigFactory.load());
        List<PastDonation> donations = new ArrayList<>();
        List<TestResult> tests = new ArrayList<>();
        for (LocalDate d = TODAY.minusDays(14 * 48 - 7); d.isBefore(TODAY); d = d.plusDays(14)) {
            donations.add(new PastDonation(d, DonationType.PLATELETS_APHERESIS));
            tests.add(new TestResult(d, Marker.HBV, TestOutcome.NON_REACTIVE));
        }
        regular = new DonorHistory(LocalDate.of(1985, 3, 1), Sex.M, 70, donations,
                List.of(Deferral.temporary(LocalDate.of(2025, 1, 5), LocalDate.of(2025, 2, 5), "cold")), tests);
        firstTime = new DonorHistory(LocalDate.of(2000, 6, 1), Sex.F, 52, List.of(), List.of(), List.of());
    }

    @Benchmark
    public EligibilityResult regularDonorBlockedByInterval() {
        return Eligibility.evaluate(rules, regular, DonationType.PLATELETS_APHERESIS, TODAY);
    }

    @Benchmark
    public EligibilityResult firstTimeDonorEligible() {
        return Eligibility.evaluate(rules, firstTime, DonationType.WHOLE_BLOOD, TODAY);
    }
}
