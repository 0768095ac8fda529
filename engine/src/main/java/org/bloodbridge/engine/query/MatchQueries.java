package org.bloodbridge.engine.query;

import com.typesafe.config.Config;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bloodbridge.engine.matching.AntibodyCutoffs;
import org.bloodbridge.engine.typing.TypingTables;

/**
 * Compiles match requests against the reference tables, once per node: a request is checked by
 * the HTTP layer, searched by its entity and scanned by every pool on the node, and compiling a
 * platelet request builds tables over every antigen and slot type (tens to hundreds of µs). A
 * compiled query is immutable, so the entity and the pools share it.
 */
public final class MatchQueries {
    private static final int RECENT = 256;

    private final TypingTables tables;
    private final Map<MatchCriteria, MatchQuery> recent = Collections.synchronizedMap(
            new LinkedHashMap<>(RECENT, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<MatchCriteria, MatchQuery> eldest) {
                    return size() > RECENT;
                }
            });

    private final AntibodyCutoffs cutoffs;

    public MatchQueries(TypingTables tables) {
        this(tables, AntibodyCutoffs.DEFAULT);
    }

    /** @param cutoffs the MFI thresholds of HLA antibodies ({@code bloodbridge.matching.antibody}, see {@link #cutoffs(Config)}) */
    public MatchQueries(TypingTables tables, AntibodyCutoffs cutoffs) {
        this.tables = tables;
        this.cutoffs = cutoffs;
    }

    /** Reads {@code bloodbridge.matching.antibody.exclude-mfi} and {@code warning-mfi}. */
    public static AntibodyCutoffs cutoffs(Config config) {
        Config antibody = config.getConfig("bloodbridge.matching.antibody");
        return new AntibodyCutoffs(antibody.getInt("exclude-mfi"), antibody.getInt("warning-mfi"));
    }

    /** @throws org.bloodbridge.engine.InvalidField naming the patient field at fault */
    public MatchQuery compile(MatchCriteria criteria) {
        return recent.computeIfAbsent(criteria, c -> MatchQuery.compile(c, tables, cutoffs));
    }
}
