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
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.bloodbridge.engine.lookback.Acknowledgement;
import org.bloodbridge.engine.lookback.Recall;
import org.bloodbridge.engine.lookback.RecallOutcome;
import org.bloodbridge.engine.lookback.RecallStatus;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.RhD;
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

    private final List<DonorSummary> published = new CopyOnWriteArrayList<>();
    private final EventSourcedBehaviorTestKit<DonorEntity.Command, DonorEvent, DonorEntity.State> kit =
            EventSourcedBehaviorTestKit.create(testKit.system(), DonorEntity.create(DONOR_ID, RULES, CLOCK, published::add));

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    @BeforeEach
    void clear() {
        kit.clear();
    }

    /** Stand-ins for ciphertext: the entity only carries sealed text, it never opens it. */
    private static final SealedText NAME = SealedText.sealed(new byte[12], new byte[] {1, 2, 3});
    private static final SealedText PHONE = SealedText.sealed(new byte[12], new byte[] {4, 5, 6});

    private static final Profile PROFILE = new Profile(IdType.CN_RIC, NAME, null, Sex.F,
            LocalDate.of(1990, 5, 1), 55, Abo.O, RhD.POS);

    private DonorEntity.Reply register() {
        return kit.<DonorEntity.Reply>runCommand(r -> new DonorEntity.Register("CD", PROFILE,
                new Typing(Map.of("A", List.of("A*02:01")), Map.of(), Map.of()), null, r)).reply();
    }

    private EventSourcedBehaviorTestKit.CommandResultWithReply<DonorEntity.Command, DonorEvent, DonorEntity.State, DonorEntity.Reply>
            donate(String centre, DonationType type, LocalDate date) {
        return kit.runCommand(r -> new DonorEntity.RecordDonation(new Donation(centre, date, type, 400, null, null), null, r));
    }

    @Test
    void registersOnceAndRefusesTheSamePersonAgain() {
        var accepted = assertInstanceOf(DonorEntity.Accepted.class, register());
        assertEquals("CD", accepted.donor().homeCentre());
        assertEquals(Set.of("CD"), accepted.donor().centres());

        var again = kit.<DonorEntity.Reply>runCommand(r -> new DonorEntity.Register("CQ", PROFILE, Typing.NONE, null, r));
        var rejected = assertInstanceOf(DonorEntity.Rejected.class, again.reply());
        assertEquals("donor_exists", rejected.error());
        assertTrue(again.hasNoEvents(), "a refused registration writes nothing");
    }

    @Test
    void everyEventNamesTheActingCentreAndPerson() {
        register();
        var result = kit.<DonorEntity.Reply>runCommand(r -> new DonorEntity.RecordDonation(
                new Donation("CQ", LocalDate.of(2026, 6, 1), DonationType.WHOLE_BLOOD, 400, null, null), "user-cq-7", r));
        var event = result.eventOfType(DonorEvent.DonationRecorded.class);
        assertEquals("CQ", event.centre());
        assertEquals("user-cq-7", event.subject());
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
                new TestResult(LocalDate.of(2026, 6, 2), Marker.HIV, TestOutcome.REACTIVE)), null, r));
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
                new DonorEvent.ProfileChanges(null, PHONE, 60, null, null),
                new Typing.TypingChanges(Map.of("B", List.of("B46")), null, Map.of("Fy(a)", "-")), null, r));
        Donor donor = assertInstanceOf(DonorEntity.Accepted.class, result.reply()).donor();
        assertEquals(NAME, donor.profile().name());
        assertEquals(PHONE, donor.profile().phone());
        assertEquals(60, donor.profile().weightKg());
        assertEquals(Map.of("A", List.of("A*02:01"), "B", List.of("B46")), donor.typing().hla());
        assertEquals(Map.of("Fy(a)", "-"), donor.typing().redCell());
        assertEquals("CQ", result.event().centre());
    }

    @Test
    void erasingPersonalDataDropsNameAndPhoneAndKeepsTheHistory() {
        register();
        kit.<DonorEntity.Reply>runCommand(r -> new DonorEntity.Update(null,
                new DonorEvent.ProfileChanges(null, PHONE, null, null, null), new Typing.TypingChanges(null, null, null), null, r));
        donate("CQ", DonationType.WHOLE_BLOOD, LocalDate.of(2026, 6, 1));

        var erased = kit.<DonorEntity.Reply>runCommand(r -> new DonorEntity.ErasePersonalData("CD", null, r));
        Donor donor = assertInstanceOf(DonorEntity.Accepted.class, erased.reply()).donor();
        assertEquals("CD", erased.eventOfType(DonorEvent.PersonalDataErased.class).centre());
        assertEquals(null, donor.profile().name());
        assertEquals(null, donor.profile().phone());
        assertEquals(Abo.O, donor.profile().abo(), "the rest of the profile stays");
        assertEquals(1, donor.donations().size(), "the history stays");

        kit.restart();
        assertEquals(null, kit.getState().donor().profile().name(), "recovery replays the erasure");
        var check = kit.<DonorEntity.Reply>runCommand(r -> new DonorEntity.CheckEligibility(
                DonationType.WHOLE_BLOOD, LocalDate.of(2026, 11, 30), r));
        var checked = assertInstanceOf(DonorEntity.Checked.class, check.reply());
        assertEquals(ReasonCode.INTERVAL, checked.result().reasons().get(0).code(), "joint screening still works");
    }

    @Test
    void stateSurvivesRestart() {
        register();
        donate("CQ", DonationType.WHOLE_BLOOD, LocalDate.of(2026, 6, 1));
        kit.<DonorEntity.Reply>runCommand(r -> new DonorEntity.RecordDeferral(new RecordedDeferral("CD",
                new Deferral(LocalDate.of(2026, 11, 1), LocalDate.of(2027, 5, 1), false, "travel")), null, r));
        Donor before = kit.getState().donor();
        kit.restart();
        assertEquals(before, kit.getState().donor());
    }

    private static Donation wholeBlood(String centre, LocalDate date, String din) {
        return new Donation(centre, date, DonationType.WHOLE_BLOOD, 400, null, din);
    }

    private DonorEntity.Imported runImport(String centre, Profile profile, LocalDate registeredOn, List<Donation> donations,
            List<RecordedTestResult> tests, List<RecordedDeferral> deferrals) {
        return assertInstanceOf(DonorEntity.Imported.class, kit.<DonorEntity.Reply>runCommand(r -> new DonorEntity.Import(
                centre, profile, Typing.NONE, registeredOn, donations, tests, deferrals, null, r)).reply());
    }

    @Test
    void anImportRegistersAnUnknownPersonWithTheirHistoryAtTheirRegistrationDate() {
        var result = kit.<DonorEntity.Reply>runCommand(r -> new DonorEntity.Import("CQ", PROFILE, Typing.NONE,
                LocalDate.of(2015, 3, 2),
                List.of(wholeBlood("CQ", LocalDate.of(2020, 1, 10), "G123498654321H")),
                List.of(new RecordedTestResult("CQ", new TestResult(LocalDate.of(2020, 1, 10), Marker.HIV, TestOutcome.NON_REACTIVE))),
                List.of(new RecordedDeferral("CD", Deferral.temporary(LocalDate.of(2021, 1, 1), LocalDate.of(2021, 6, 1), "travel"))), null,
                r));
        var imported = assertInstanceOf(DonorEntity.Imported.class, result.reply());
        assertEquals(new DonorEntity.Imported(DONOR_ID, true, 3, 0, 0), imported);
        assertEquals(2, result.events().size(), "the registration and one event for the history, persisted together");
        assertInstanceOf(DonorEvent.Registered.class, result.events().get(0));
        var history = assertInstanceOf(DonorEvent.HistoryImported.class, result.events().get(1));
        assertEquals(List.of(1, 1, 1), List.of(history.donations().size(), history.testResults().size(), history.deferrals().size()));
        Donor donor = result.state().donor();
        assertEquals("CQ", donor.homeCentre());
        assertEquals(Instant.parse("2015-03-02T00:00:00Z"), donor.registeredAt());
        assertEquals(Set.of("CD", "CQ"), donor.centres());
        assertEquals(1, donor.donations().size());
    }

    @Test
    void anImportMergesIntoAnExistingDonorSkippingWhatIsAlreadyThere() {
        register();
        donate("CD", DonationType.WHOLE_BLOOD, LocalDate.of(2025, 1, 10));
        kit.<DonorEntity.Reply>runCommand(r -> new DonorEntity.RecordDonation(
                wholeBlood("CD", LocalDate.of(2025, 8, 1), "G123498654321H"), null, r));
        TestResult test = new TestResult(LocalDate.of(2025, 1, 10), Marker.HBV, TestOutcome.NON_REACTIVE);
        Deferral travel = Deferral.temporary(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 3, 1), "travel");
        kit.<DonorEntity.Reply>runCommand(r -> new DonorEntity.RecordTestResult(new RecordedTestResult("CD", test), null, r));
        kit.<DonorEntity.Reply>runCommand(r -> new DonorEntity.RecordDeferral(new RecordedDeferral("CD", travel), null, r));

        Profile other = new Profile(IdType.CN_RIC, SealedText.legacy("Someone Else"), null, Sex.F, LocalDate.of(1990, 5, 1), 80, Abo.A, RhD.NEG);
        var imported = runImport("CQ", other, LocalDate.of(2010, 1, 1),
                List.of(wholeBlood("CQ", LocalDate.of(2025, 1, 10), null),
                        wholeBlood("CQ", LocalDate.of(2025, 7, 30), "G123498654321H"),
                        wholeBlood("CQ", LocalDate.of(2024, 6, 1), null)),
                List.of(new RecordedTestResult("CQ", test)),
                List.of(new RecordedDeferral("CQ", travel)));
        assertEquals(new DonorEntity.Imported(DONOR_ID, false, 1, 4, 0), imported);
        Donor donor = kit.getState().donor();
        assertEquals("CD", donor.homeCentre(), "the home centre stays");
        assertEquals(PROFILE, donor.profile(), "an import never changes an existing profile");
        assertEquals(3, donor.donations().size());

        var again = kit.<DonorEntity.Reply>runCommand(r -> new DonorEntity.Import("CQ", other, Typing.NONE, null,
                List.of(wholeBlood("CQ", LocalDate.of(2024, 6, 1), null)), List.of(), List.of(), null, r));
        assertEquals(new DonorEntity.Imported(DONOR_ID, false, 0, 1, 0), again.reply());
        assertTrue(again.hasNoEvents(), "nothing new, nothing written");
    }

    @Test
    void importedDonationsTheRulesWouldHaveRefusedAreCountedNotRefused() {
        var imported = runImport("CD", PROFILE, null,
                List.of(wholeBlood("CD", LocalDate.of(2024, 3, 1), null),
                        wholeBlood("CD", LocalDate.of(2023, 6, 1), null),
                        wholeBlood("CQ", LocalDate.of(2024, 5, 1), null),
                        wholeBlood("CD", LocalDate.of(2026, 1, 1), null)),
                List.of(new RecordedTestResult("CQ", new TestResult(LocalDate.of(2025, 12, 1), Marker.HIV, TestOutcome.REACTIVE))),
                List.of());
        assertEquals(5, imported.added());
        assertEquals(2, imported.ruleViolations(), "two months after 2024-03-01, and after a reactive HIV test");
        assertEquals(4, kit.getState().donor().donations().size(), "history is recorded as it happened");
        assertEquals(kit.getState().donor().registeredAt(), CLOCK.instant(), "without registeredOn: registered now");
    }

    @Test
    void oneOpenRequestAtATimeHoldsADonorAndReleaseFreesIt() {
        register();
        LocalDate neededBy = LocalDate.of(2026, 11, 26);
        var first = kit.<DonorEntity.Reply>runCommand(r -> new DonorEntity.Reserve("req-1", "CD",
                DonationType.PLATELETS_APHERESIS, neededBy, null, r));
        var held = assertInstanceOf(DonorEntity.Accepted.class, first.reply()).donor().reservation();
        assertEquals("req-1", held.requestId());
        assertEquals("req-1", published.get(published.size() - 1).reservedFor(), "the pool hears of the reservation");

        var again = kit.<DonorEntity.Reply>runCommand(r -> new DonorEntity.Reserve("req-1", "CD",
                DonationType.PLATELETS_APHERESIS, neededBy, null, r));
        assertInstanceOf(DonorEntity.Accepted.class, again.reply());
        assertTrue(again.hasNoEvents(), "reserving again for the same request changes nothing");

        var other = kit.<DonorEntity.Reply>runCommand(r -> new DonorEntity.Reserve("req-2", "CQ",
                DonationType.PLATELETS_APHERESIS, neededBy, null, r));
        assertEquals("reserved", assertInstanceOf(DonorEntity.Rejected.class, other.reply()).error());
        assertTrue(other.hasNoEvents());

        var wrongRelease = kit.<DonorEntity.Reply>runCommand(r -> new DonorEntity.Release("req-2", "CQ", null, r));
        assertTrue(wrongRelease.hasNoEvents(), "only the holding request releases");
        var release = kit.<DonorEntity.Reply>runCommand(r -> new DonorEntity.Release("req-1", "CD", null, r));
        assertEquals(null, assertInstanceOf(DonorEntity.Accepted.class, release.reply()).donor().reservation());
        assertEquals(null, published.get(published.size() - 1).reservedFor());

        var afterRestart = kit.restart().state().donor();
        assertEquals(null, afterRestart.reservation());
        assertInstanceOf(DonorEntity.Accepted.class, kit.<DonorEntity.Reply>runCommand(r -> new DonorEntity.Reserve(
                "req-2", "CQ", DonationType.PLATELETS_APHERESIS, neededBy, null, r)).reply());
    }

    @Test
    void aDeferredDonorCannotBeReserved() {
        register();
        kit.<DonorEntity.Reply>runCommand(r -> new DonorEntity.RecordDeferral(new RecordedDeferral("CQ",
                Deferral.temporary(LocalDate.of(2026, 11, 20), LocalDate.of(2027, 2, 1), "travel")), null, r));
        var refused = kit.<DonorEntity.Reply>runCommand(r -> new DonorEntity.Reserve("req-1", "CD",
                DonationType.PLATELETS_APHERESIS, LocalDate.of(2026, 11, 26), null, r));
        assertEquals("not_eligible", assertInstanceOf(DonorEntity.Rejected.class, refused.reply()).error());
        assertTrue(refused.hasNoEvents());
    }

    @Test
    void everyPersistedEventTellsThePoolsTheNewSummary() {
        register();
        kit.<DonorEntity.Reply>runCommand(r -> new DonorEntity.RecordDeferral(new RecordedDeferral("CQ",
                Deferral.temporary(LocalDate.of(2026, 11, 20), LocalDate.of(2027, 2, 1), "travel")), null, r));
        assertEquals(2, published.size());
        DonorSummary last = published.get(1);
        assertEquals(2, last.seqNr());
        assertEquals("CD", last.homeCentre());
        assertEquals(LocalDate.of(2027, 2, 1), last.eligiblePlatelets(), "the deferral moves eligibility");
        assertEquals(LocalDate.of(2026, 11, 25), last.registeredOn());
        assertEquals(null, last.hlaTypedOn(), "HLA-B is not typed, so the donor is not on the platelet panel");
        var summary = kit.<DonorEntity.Reply>runCommand(DonorEntity.GetSummary::new).reply();
        assertEquals(last, assertInstanceOf(DonorEntity.Summary.class, summary).summary());
    }

    private EventSourcedBehaviorTestKit.CommandResultWithReply<DonorEntity.Command, DonorEvent, DonorEntity.State, DonorEntity.Reply>
            testResult(String centre, Marker marker, LocalDate date, TestOutcome outcome) {
        return kit.runCommand(r -> new DonorEntity.RecordTestResult(new RecordedTestResult(centre,
                new TestResult(date, marker, outcome)), "lab-1", r));
    }

    private List<Recall> recalls() {
        return assertInstanceOf(DonorEntity.Recalls.class, kit.<DonorEntity.Reply>runCommand(DonorEntity.GetRecalls::new).reply())
                .recalls();
    }

    @Test
    void aReactiveResultOpensRecallsAtOnceAndExactlyOnceAndTheyOutliveARestart() {
        register();
        donate("CD", DonationType.WHOLE_BLOOD, LocalDate.of(2025, 6, 1));
        donate("CQ", DonationType.PLATELETS_APHERESIS, LocalDate.of(2026, 1, 10));
        donate("CD", DonationType.WHOLE_BLOOD, LocalDate.of(2026, 7, 15));

        var first = testResult("CQ", Marker.HIV, LocalDate.of(2026, 11, 20), TestOutcome.REACTIVE);
        assertEquals(2, first.events().size(), "the result and its recalls, in one write");
        var opened = assertInstanceOf(DonorEvent.RecallsOpened.class, first.events().get(1));
        assertEquals(List.of("CQ", "CD"), opened.recalls().stream().map(Recall::centre).toList());
        assertEquals(List.of(LocalDate.of(2026, 1, 10), LocalDate.of(2026, 7, 15)),
                opened.recalls().stream().map(Recall::donationDate).toList(), "2025-06-01 is before the window");
        assertEquals(opened.recalls(), recalls());

        var again = testResult("CD", Marker.HIV, LocalDate.of(2026, 11, 22), TestOutcome.REACTIVE);
        assertEquals(1, again.events().size(), "a second reactive result of the episode opens nothing new");
        assertEquals(2, recalls().size());

        String recallId = opened.recalls().get(1).recallId();
        var acked = kit.<DonorEntity.Reply>runCommand(r -> new DonorEntity.AcknowledgeRecall(recallId, "CD",
                RecallOutcome.QUARANTINED, "unit held", "lab-cd", r));
        var state = assertInstanceOf(DonorEntity.RecallState.class, acked.reply());
        assertEquals(new Acknowledgement(RecallOutcome.QUARANTINED, "unit held", "CD", "lab-cd", CLOCK.instant()),
                state.recall().acknowledgement());
        assertEquals(RecallStatus.ACKNOWLEDGED, state.recall().status());
        var twice = kit.<DonorEntity.Reply>runCommand(r -> new DonorEntity.AcknowledgeRecall(recallId, "CD",
                RecallOutcome.RECALLED, null, "lab-cd", r));
        assertEquals("already_acknowledged", assertInstanceOf(DonorEntity.Rejected.class, twice.reply()).error());
        assertTrue(twice.hasNoEvents());
        var unknown = kit.<DonorEntity.Reply>runCommand(r -> new DonorEntity.AcknowledgeRecall(DONOR_ID + "-0123456789abcdef",
                "CD", RecallOutcome.RECALLED, null, "lab-cd", r));
        assertEquals("no_recall", assertInstanceOf(DonorEntity.Rejected.class, unknown.reply()).error());

        List<Recall> before = recalls();
        kit.restart();
        assertEquals(before, recalls(), "recalls and acknowledgements are recovered from the journal");
    }

    @Test
    void nonReactiveAndTemporaryMarkersOpenNoRecalls() {
        register();
        donate("CQ", DonationType.PLATELETS_APHERESIS, LocalDate.of(2026, 1, 10));
        assertEquals(1, testResult("CQ", Marker.HIV, LocalDate.of(2026, 11, 20), TestOutcome.NON_REACTIVE).events().size());
        assertEquals(1, testResult("CQ", Marker.ALT, LocalDate.of(2026, 11, 20), TestOutcome.REACTIVE).events().size());
        assertEquals(List.of(), recalls());
    }
}
