package org.bloodbridge.engine.eligibility;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigUtil;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.bloodbridge.engine.identity.Sex;

/**
 * Loads rule sets from configuration (see {@code reference.conf} for the format and the shipped sets).
 * Every malformed setting is an {@link IllegalArgumentException} naming its full key.
 */
public final class RuleSets {
    public static final String RULE_SETS_KEY = "bloodbridge.eligibility.rule-sets";
    public static final String IN_FORCE_KEY = "bloodbridge.eligibility.rule-set";
    public static final String DEFAULT_IN_FORCE = "CN-GB18467-2011";
    /** The marker-deferrals value for a permanent deferral; any other value is a period. */
    private static final String PERMANENT = "permanent";

    private RuleSets() {}

    /** Every rule set under {@code bloodbridge.eligibility.rule-sets}, by name. */
    public static Map<String, RuleSet> fromConfig(Config config) {
        Config all = guarded(RULE_SETS_KEY, () -> config.getConfig(RULE_SETS_KEY));
        Map<String, RuleSet> sets = new TreeMap<>();
        for (String name : all.root().keySet()) {
            String nameKey = ConfigUtil.joinPath(name);
            String path = RULE_SETS_KEY + "." + nameKey;
            sets.put(name, ruleSetAt(name, guarded(path, () -> all.getConfig(nameKey)), path));
        }
        return Collections.unmodifiableMap(sets);
    }

    /** The rule set named by {@code bloodbridge.eligibility.rule-set} (default {@value #DEFAULT_IN_FORCE}). */
    public static RuleSet inForce(Config config) {
        String name = config.hasPath(IN_FORCE_KEY)
                ? guarded(IN_FORCE_KEY, () -> config.getString(IN_FORCE_KEY))
                : DEFAULT_IN_FORCE;
        Map<String, RuleSet> sets = fromConfig(config);
        RuleSet rules = sets.get(name);
        if (rules == null) {
            throw bad(IN_FORCE_KEY, "names rule set '" + name + "', but " + RULE_SETS_KEY + " defines only " + sets.keySet());
        }
        return rules;
    }

    private static RuleSet ruleSetAt(String name, Config set, String path) {
        int minAge = intAt(set, path, "min-age");
        int maxAgeFirstTime = intAt(set, path, "max-age-first-time");
        int maxAgeRepeat = intAt(set, path, "max-age-repeat");
        Map<Sex, Integer> minWeightKg = enumKeyed(set, path, "min-weight-kg", Sex.class, true, RuleSets::intAt);
        Map<DonationType, Map<DonationType, Period>> intervals = enumKeyed(set, path, "intervals", DonationType.class, true,
                (row, rowPath, last) -> enumKeyed(row, rowPath, last, DonationType.class, true, RuleSets::periodAt));
        List<CountLimit> countLimits = countLimitsAt(set, path);
        Map<Marker, MarkerDeferral> markerDeferrals =
                enumKeyed(set, path, "marker-deferrals", Marker.class, false, RuleSets::markerDeferralAt);
        return validated(path, () -> new RuleSet(
                name, minAge, maxAgeFirstTime, maxAgeRepeat, minWeightKg, intervals, countLimits, markerDeferrals));
    }

    private static List<CountLimit> countLimitsAt(Config set, String base) {
        String path = base + ".count-limits";
        List<? extends Config> entries = guarded(path, () -> set.getConfigList("count-limits"));
        List<CountLimit> limits = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Config entry = entries.get(i);
            String at = path + "[" + i + "]";
            DonationType type = enumNamed(DonationType.class, guarded(at + ".type", () -> entry.getString("type")), at + ".type");
            int max = intAt(entry, at, "max");
            Period window = periodAt(entry, at, "window");
            ReasonCode code = enumNamed(ReasonCode.class, guarded(at + ".reason", () -> entry.getString("reason")), at + ".reason");
            limits.add(validated(at, () -> new CountLimit(type, max, window, code)));
        }
        return limits;
    }

    private static MarkerDeferral markerDeferralAt(Config deferrals, String base, String marker) {
        String path = base + "." + marker;
        String text = guarded(path, () -> deferrals.getString(marker));
        if (text.equals(PERMANENT)) {
            return MarkerDeferral.permanently();
        }
        Period period = parsePeriod(text, path);
        return validated(path, () -> MarkerDeferral.forPeriod(period));
    }

    /** Reads one value of a section whose keys are enum names. */
    private interface ValueReader<V> {
        V read(Config section, String sectionPath, String key);
    }

    /** An object whose keys name constants of {@code type}; when {@code complete}, every constant must be there. */
    private static <E extends Enum<E>, V> Map<E, V> enumKeyed(
            Config parent, String base, String key, Class<E> type, boolean complete, ValueReader<V> values) {
        String path = base + "." + key;
        Config section = guarded(path, () -> parent.getConfig(key));
        Map<E, V> map = new EnumMap<>(type);
        for (String name : section.root().keySet()) {
            map.put(enumNamed(type, name, path + "." + name), values.read(section, path, name));
        }
        if (complete) {
            for (E constant : EnumSet.allOf(type)) {
                if (!map.containsKey(constant)) {
                    throw bad(path + "." + constant, "is missing");
                }
            }
        }
        return map;
    }

    private static <E extends Enum<E>> E enumNamed(Class<E> type, String text, String path) {
        EnumSet<E> constants = EnumSet.allOf(type);
        for (E constant : constants) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        throw bad(path, "'" + text + "' is not one of " + constants);
    }

    private static int intAt(Config section, String base, String key) {
        return guarded(base + "." + key, () -> section.getInt(key));
    }

    private static Period periodAt(Config section, String base, String key) {
        String path = base + "." + key;
        return parsePeriod(guarded(path, () -> section.getString(key)), path);
    }

    private static Period parsePeriod(String text, String path) {
        try {
            return Period.parse(text);
        } catch (DateTimeParseException e) {
            throw bad(path, "'" + text + "' is not an ISO-8601 period such as P6M or P28D");
        }
    }

    /** Runs a Typesafe Config read, turning its exception into one that names {@code path}. */
    private static <T> T guarded(String path, Supplier<T> read) {
        try {
            return read.get();
        } catch (ConfigException e) {
            throw bad(path, e.getMessage());
        }
    }

    /** Builds a value whose constructor checks it, naming {@code path} when a check fails. */
    private static <T> T validated(String path, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw bad(path, e.getMessage());
        }
    }

    private static IllegalArgumentException bad(String path, String problem) {
        return new IllegalArgumentException("malformed eligibility setting " + path + ": " + problem);
    }
}
