package org.bloodbridge.engine.lookback;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.bloodbridge.engine.eligibility.Marker;
import org.bloodbridge.engine.eligibility.MarkerDeferral;
import org.bloodbridge.engine.eligibility.RuleSet;

/**
 * The look-back window per marker (domain-rules section 8). Only the markers the rule set in force
 * defers permanently (section 2) have one: {@code bloodbridge.lookback.windows.<MARKER>}, else
 * {@code bloodbridge.lookback.default-window}.
 */
public record LookbackRules(Map<Marker, Period> windows) {
    public static final String KEY = "bloodbridge.lookback";
    public static final Period TWELVE_MONTHS = Period.ofMonths(12);

    public LookbackRules {
        windows = Map.copyOf(windows);
    }

    /** 12 months for every marker {@code rules} defers permanently. */
    public static LookbackRules defaults(RuleSet rules) {
        return withWindows(rules, TWELVE_MONTHS, Map.of());
    }

    /** @throws IllegalArgumentException naming the full key of a malformed setting */
    public static LookbackRules fromConfig(Config config, RuleSet rules) {
        if (!config.hasPath(KEY)) {
            return defaults(rules);
        }
        Config lookback = config.getConfig(KEY);
        Period fallback = lookback.hasPath("default-window")
                ? period(lookback, "default-window", KEY + ".default-window") : TWELVE_MONTHS;
        Map<Marker, Period> overrides = new EnumMap<>(Marker.class);
        if (lookback.hasPath("windows")) {
            Config windows = lookback.getConfig("windows");
            for (String name : windows.root().keySet()) {
                String path = KEY + ".windows." + name;
                Marker marker;
                try {
                    marker = Marker.valueOf(name);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(path + ": unknown marker " + name);
                }
                MarkerDeferral deferral = rules.markerDeferrals().get(marker);
                if (deferral == null || !deferral.permanent()) {
                    throw new IllegalArgumentException(path + ": look-back applies only to the markers rule set "
                            + rules.name() + " defers permanently");
                }
                overrides.put(marker, period(windows, name, path));
            }
        }
        return withWindows(rules, fallback, overrides);
    }

    private static LookbackRules withWindows(RuleSet rules, Period fallback, Map<Marker, Period> overrides) {
        Map<Marker, Period> windows = new EnumMap<>(Marker.class);
        rules.markerDeferrals().forEach((marker, deferral) -> {
            if (deferral.permanent()) {
                windows.put(marker, overrides.getOrDefault(marker, fallback));
            }
        });
        return new LookbackRules(windows);
    }

    private static Period period(Config config, String key, String path) {
        try {
            Period period = Period.parse(config.getString(key));
            if (period.isZero() || period.isNegative()) {
                throw new IllegalArgumentException(path + ": the window must be positive");
            }
            return period;
        } catch (ConfigException | DateTimeParseException e) {
            throw new IllegalArgumentException(path + ": not an ISO-8601 period such as \"P12M\"");
        }
    }

    /** The window for {@code marker}; empty when a reactive result for it starts no look-back. */
    public Optional<Period> window(Marker marker) {
        return Optional.ofNullable(windows.get(marker));
    }
}
