package org.bloodbridge.engine.eligibility;

import static org.bloodbridge.engine.eligibility.DonationType.PLATELETS_APHERESIS;
import static org.bloodbridge.engine.eligibility.DonationType.WHOLE_BLOOD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bloodbridge.engine.identity.Sex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Loading rule sets from the shipped reference.conf and rejecting malformed ones. */
class RuleSetsTest {
    private static final Config SHIPPED = ConfigFactory.defaultReference();
    private static final String CN_PATH = "bloodbridge.eligibility.rule-sets.CN-GB18467-2011";

    @Test
    void shipsBothRuleSets() {
        assertEquals(Set.of("CN-GB18467-2011", "US-FDA"), RuleSets.fromConfig(SHIPPED).keySet());
    }

    @Test
    void cnRuleSetIsExactlyGb18467() {
        RuleSet expected = new RuleSet("CN-GB18467-2011", 18, 55, 60,
                Map.of(Sex.M, 50, Sex.F, 45),
                Map.of(WHOLE_BLOOD, Map.of(WHOLE_BLOOD, Period.ofMonths(6), PLATELETS_APHERESIS, Period.ofMonths(3)),
                        PLATELETS_APHERESIS, Map.of(WHOLE_BLOOD, Period.ofDays(28), PLATELETS_APHERESIS, Period.ofDays(14))),
                List.of(new CountLimit(PLATELETS_APHERESIS, 24, Period.ofMonths(12), ReasonCode.ANNUAL_LIMIT)),
                Map.of(Marker.HIV, MarkerDeferral.permanently(), Marker.HBV, MarkerDeferral.permanently(),
                        Marker.HCV, MarkerDeferral.permanently(), Marker.SYPHILIS, MarkerDeferral.permanently(),
                        Marker.ALT, MarkerDeferral.forPeriod(Period.ofDays(180))));
        assertEquals(expected, RuleSets.fromConfig(SHIPPED).get("CN-GB18467-2011"));
    }

    @Test
    void usFdaRuleSetHasItsLimitsAndNoAltDeferral() {
        RuleSet us = RuleSets.fromConfig(SHIPPED).get("US-FDA");
        assertEquals(17, us.minAge());
        assertEquals(Period.ofDays(56), us.interval(WHOLE_BLOOD, WHOLE_BLOOD));
        assertEquals(Period.ofDays(2), us.interval(PLATELETS_APHERESIS, PLATELETS_APHERESIS));
        assertEquals(List.of(
                new CountLimit(PLATELETS_APHERESIS, 2, Period.ofDays(7), ReasonCode.FREQUENCY_LIMIT),
                new CountLimit(PLATELETS_APHERESIS, 24, Period.ofMonths(12), ReasonCode.ANNUAL_LIMIT)), us.countLimits());
        assertEquals(Set.of(Marker.HIV, Marker.HBV, Marker.HCV, Marker.SYPHILIS), us.markerDeferrals().keySet());
    }

    @Test
    void theRuleSetInForceDefaultsToCnAndCanBeChosen() {
        assertEquals("CN-GB18467-2011", RuleSets.inForce(SHIPPED).name());
        assertEquals("CN-GB18467-2011", RuleSets.inForce(SHIPPED.withoutPath(RuleSets.IN_FORCE_KEY)).name());
        assertEquals("US-FDA", RuleSets.inForce(
                SHIPPED.withValue(RuleSets.IN_FORCE_KEY, ConfigValueFactory.fromAnyRef("US-FDA"))).name());
    }

    @Test
    void anUnknownRuleSetInForceNamesTheKeyAndTheChoices() {
        Config config = SHIPPED.withValue(RuleSets.IN_FORCE_KEY, ConfigValueFactory.fromAnyRef("UK-JPAC"));
        String message = assertThrows(IllegalArgumentException.class, () -> RuleSets.inForce(config)).getMessage();
        assertTrue(message.contains(RuleSets.IN_FORCE_KEY) && message.contains("UK-JPAC")
                && message.contains("[CN-GB18467-2011, US-FDA]"), message);
    }

    /** Each row changes one setting of the shipped CN rule set (an empty value removes it). */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "min-age, eighteen, min-age",
        "max-age-repeat, 50, " + CN_PATH + ": rule set CN-GB18467-2011: ages",
        "min-weight-kg.F, , min-weight-kg.F: is missing",
        "min-weight-kg.X, 50, min-weight-kg.X: 'X' is not one of [M, F]",
        "intervals.WHOLE_BLOOD.WHOLE_BLOOD, 6 months, intervals.WHOLE_BLOOD.WHOLE_BLOOD: '6 months' is not an ISO-8601 period",
        "intervals.PLATELETS_APHERESIS.PLATELETS_APHERESIS, , intervals.PLATELETS_APHERESIS.PLATELETS_APHERESIS: is missing",
        "intervals.PLASMA.WHOLE_BLOOD, P14D, intervals.PLASMA: 'PLASMA' is not one of",
        "marker-deferrals.HIV, forever, marker-deferrals.HIV: 'forever' is not an ISO-8601 period",
        "marker-deferrals.ALT, P0D, marker-deferrals.ALT: a marker deferral's period must be positive",
        "marker-deferrals.HTLV, permanent, marker-deferrals.HTLV: 'HTLV' is not one of",
        "count-limits, none, count-limits",
    })
    void aMalformedRuleSetNamesTheBadKey(String key, String value, String expectedInMessage) {
        String path = CN_PATH + "." + key;
        Config config = value == null
                ? SHIPPED.withoutPath(path)
                : SHIPPED.withValue(path, ConfigValueFactory.fromAnyRef(value));
        String message = assertThrows(IllegalArgumentException.class, () -> RuleSets.fromConfig(config)).getMessage();
        assertTrue(message.contains(expectedInMessage), message);
        assertTrue(message.contains(CN_PATH), message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{ type = PLASMA, max = 2, window = P7D, reason = FREQUENCY_LIMIT } | count-limits[0].type: 'PLASMA' is not one of",
        "{ type = WHOLE_BLOOD, max = 0, window = P7D, reason = FREQUENCY_LIMIT } | count-limits[0]: a count limit's max must be at least 1",
        "{ type = WHOLE_BLOOD, max = 2, window = P7D, reason = AGE } | count-limits[0]: a count limit's reason must be",
        "{ type = WHOLE_BLOOD, max = 2, reason = ANNUAL_LIMIT } | count-limits[0].window",
    })
    void aMalformedCountLimitNamesItsIndex(String limit, String expectedInMessage) {
        Config config = ConfigFactory.parseString(CN_PATH + ".count-limits = [" + limit + "]").withFallback(SHIPPED);
        String message = assertThrows(IllegalArgumentException.class, () -> RuleSets.fromConfig(config)).getMessage();
        assertTrue(message.contains(CN_PATH + "." + expectedInMessage), message);
    }

    @Test
    void missingRuleSetsNameTheirKey() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> RuleSets.fromConfig(ConfigFactory.empty())).getMessage();
        assertTrue(message.contains(RuleSets.RULE_SETS_KEY), message);
    }
}
