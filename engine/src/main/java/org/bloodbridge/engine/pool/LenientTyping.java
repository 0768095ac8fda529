package org.bloodbridge.engine.pool;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bloodbridge.engine.donor.Typing;
import org.bloodbridge.engine.typing.HlaTyping;
import org.bloodbridge.engine.typing.HpaTyping;
import org.bloodbridge.engine.typing.RedCellPhenotype;
import org.bloodbridge.engine.typing.TypingTables;

/**
 * Reads a donor's typing against the pool's tables without failing: a typing accepted under older
 * tables may name something the current ones do not know, and one bad name must not take the donor
 * (or the pool) down. Whatever part does not read counts as untyped.
 */
final class LenientTyping {
    private LenientTyping() {}

    static TypingTables.Interpreted read(TypingTables tables, Typing typing) {
        Typing reported = typing == null ? Typing.NONE : typing;
        try {
            return tables.interpret(reported.hla(), reported.hpa(), reported.redCell());
        } catch (RuntimeException whole) { // InvalidField or IllegalArgumentException: read part by part
            return new TypingTables.Interpreted(hla(tables, reported.hla()), hpa(reported.hpa()),
                    redCell(tables, reported.redCell()));
        }
    }

    static HlaTyping untypedHla(TypingTables tables) {
        return tables.hla().interpret(Map.of());
    }

    /** The loci that read on their own; a locus with one bad name counts as untyped. */
    private static HlaTyping hla(TypingTables tables, Map<String, List<String>> hla) {
        Map<String, List<String>> readable = new TreeMap<>();
        for (Map.Entry<String, List<String>> locus : hla.entrySet()) {
            try {
                tables.hla().interpret(Map.of(locus.getKey(), locus.getValue()));
                readable.put(locus.getKey(), locus.getValue());
            } catch (RuntimeException e) {
                // left out
            }
        }
        try {
            return tables.hla().interpret(readable);
        } catch (RuntimeException e) {
            return untypedHla(tables);
        }
    }

    private static HpaTyping hpa(Map<String, String> hpa) {
        try {
            return HpaTyping.parse(hpa);
        } catch (RuntimeException e) {
            return HpaTyping.UNTYPED;
        }
    }

    private static RedCellPhenotype redCell(TypingTables tables, Map<String, String> redCell) {
        try {
            return RedCellPhenotype.parse(redCell, tables.redCells());
        } catch (RuntimeException e) {
            return RedCellPhenotype.UNTYPED;
        }
    }
}
