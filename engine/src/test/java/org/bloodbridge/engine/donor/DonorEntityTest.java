package org.bloodbridge.engine.donor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.bloodbridge.engine.eligibility.Deferral;
import org.bloodbridge.engine.eligibility.DonationType;
import org.bloodbridge.engine.eligibility.Marker;
import org.bloodbridge.engine.eligibility.ReasonCode;
import org.bloodbridge.engine.eligibility.RuleSet;
import org.bloodbridge.engine.eligibility.RuleSets;
import org.bloodbridge.engine.eligibility.TestOutcome;
import org.bloodbridge.engine.eligibility.TestResult;
import org.bloodbridge.engine.identity.IdType;
import org.bloodbridge.engine.identity.Sex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DonorEntity on Pekko's in-memory persistence test kit, which also round-trips every
 * command, event, reply and state through the configured (Jackson CBOR) serializer.
 */
class DonorEntityTest {
    private static final String DONOR_ID = "abcdefghijklmnopqrstuvwx";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static final RuleSet RULES = RuleSets.inForce(ConfigFactory.load());
    private static final ActorTestKit testKit = ActorTestKit.create(
            EventSourcedBehaviorTestKit.config().withFallback(ConfigFactory.parseResources("serialization.conf"))
                    .withFallback(ConfigFactory.load()));

    private final EventSourcedBehaviorTestKit<DonorEntity.Command, DonorEvent, DonorEntity.State> kit =
            EventSourcedBehaviorTestKit.create(testKit.system(), DonorEntity.create(DONOR_ID, RULES, CLOCK));

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    @BeforeEach
    void clear() {
        kit.clear();
    }

    private static final Profile PROFILE = new Profile(IdType.CN_RIC, "Li Na", null, Sex.F,
            LocalDate.of(1990, 5, 1), 55, "O", "POS");

    private DonorEntity.Reply register() {
        return kit.<DonorEntity.Reply>runCommand(r -> new DonorEntity.Register("CD", PROFILE,
                new Typing(Map.of("A", List.of("A*02:01")), Map.of(), Map.of()), r)).reply();
    }

    private EventSourcedBehaviorTestKit.CommandResultWithReply<DonorEntity.Command, DonorEvent, DonorEntity.State, DonorEntity.Reply>
            donate(String centre, DonationType type, LocalDate date) {
        return kit.runCommand(r -> new DonorEntity.RecordDonation(new Donation(centre, date, type, 400, null, null), r));
    }

    @Test
    void registersOnceAndRefusesTheSamePersonAgain() {
        var accepted = assertInstanceOf(DonorEntity.Accepted.class, register());
        assertEquals("CD", accepted.donor().homeCentre());
        assertEquals(Set.of("CD"), accepted.donor().centres());

        var again = kit.<DonorEntity.Reply>runCommand(r -> new DonorEntity.Register("CQ", PROFILE, Typing.NONE, r));
        var rejected = assertInstanceOf(DonorEntity.Rejected.class, again.reply());
        assertEquals("donor_exists", rejected.error());
        assertTrue(again.hasNoEvents(), "a refused registration writes nothing");
    }

    @Test
    void anUnregisteredDonorIsNotFoundAndNothingIsWritten() {
        var result = donate("CD", DonationType.WHOLE_BLOOD, LocalDate.of(2026, 6, 1));
        assertInstanceOf(DonorEntity.NotRegistered.class, result.reply());
        assertTrue(result.hasNoEvents());
    }

    @Test
    void aDonationAtOneCentreBlocksTheIntervalAtTheOther() {
        register();
        var first = donate("CQ", DonationType.WHOLE_BLOOD, LocalDate.of(2026, 6, 1));
        assertInstanceOf(DonorEntity.Accepted.class, first.reply());
        assertEquals("CD", first.eventOfType(DonorEvent.DonationRecorded.class).homeCentre());

        var tooSoon = donate("CD", DonationType.WHOLE_BLOOD, LocalDate.of(2026, 11, 30));
        var rejected = assertInstanceOf(DonorEntity.Rejected.class, tooSoon.reply());
        assertEquals("not_eligible", rejected.error());
        assertEquals(ReasonCode.INTERVAL, rejected.reasons().get(0).code());
        assertTrue(tooSoon.hasNoEvents(), "a refused donation writes nothing");

        var onTheDay = donate("CD", DonationType.WHOLE_BLOOD, LocalDate.of(2026, 12, 1));
        assertInstanceOf(DonorEntity.Accepted.class, onTheDay.reply());
        assertEquals(Set.of("CD", "CQ"), onTheDay.state().donor().centres());
    }

    @Test
    void aReactiveTestDefersPermanentlyEverywhere() {
        register();
        kit.<DonorEntity.Reply>runCommand(r -> new DonorEntity.RecordTestResult(new RecordedTestResult("CD",
                new TestResult(LocalDate.of(2026, 6, 2), Marker.HIV, TestOutcome.REACTIVE)), r));
        var check = kit.<DonorEntity.Reply>runCommand(r -> new DonorEntity.CheckEligibility(
                DonationType.PLATELETS_APHERESIS, LocalDate.of(2030, 1, 1), r));
        var checked = assertInstanceOf(DonorEntity.Checked.class, check.reply());
        assertFalse(checked.result().eligible());
        assertEquals(ReasonCode.DEFERRED_PERMANENT, checked.result().reasons().get(0).code());
        assertEquals(null, checked.result().nextEligibleDate());
    }

    @Test
    void updatesKeepWhatIsNotGivenAndRecordTheActingCentre() {
        register();
        var result = kit.<DonorEntity.Reply>runCommand(r -> new DonorEntity.Update("CQ",
                new DonorEvent.ProfileChanges(null, "13800000000", 60, null, null),
                new Typing.TypingChanges(Map.of("B", List.of("B46")), null, Map.of("Fy(a)", "-")), r));
        Donor donor = assertInstanceOf(DonorEntity.Accepted.class, result.reply()).donor();
        assertEquals("Li Na", donor.profile().name());
        assertEquals(60, donor.profile().weightKg());
        assertEquals(Map.of("A", List.of("A*02:01"), "B", List.of("B46")), donor.typing().hla());
        assertEquals(Map.of("Fy(a)", "-"), donor.typing().redCell());
        assertEquals("CQ", result.event().centre());
    }

    @Test
    void stateSurvivesRestart() {
        register();
        donate("CQ", DonationType.WHOLE_BLOOD, LocalDate.of(2026, 6, 1));
        kit.<DonorEntity.Reply>runCommand(r -> new DonorEntity.RecordDeferral(new RecordedDeferral("CD",
                new Deferral(LocalDate.of(2026, 11, 1), LocalDate.of(2027, 5, 1), false, "travel")), r));
        Donor before = kit.getState().donor();
        kit.restart();
        assertEquals(before, kit.getState().donor());
    }
}
