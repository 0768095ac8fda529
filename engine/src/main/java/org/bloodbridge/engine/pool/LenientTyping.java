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
 * (or the pool) down. Whatever does not read (an HLA locus, an HPA system, a red-cell antigen)
 * counts as untyped.
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

    /** The systems that read; a bad one counts as untyped. */
    private static HpaTyping hpa(Map<String, String> hpa) {
        long a = 0;
        long b = 0;
        for (Map.Entry<String, String> system : hpa.entrySet()) {
            try {
                HpaTyping one = HpaTyping.parse(Map.of(system.getKey(), system.getValue()));
                a |= one.carriesA();
                b |= one.carriesB();
            } catch (RuntimeException e) {
                // left out
            }
        }
        return new HpaTyping(a, b);
    }

    /** The antigens that read; a bad one counts as untyped. */
    private static RedCellPhenotype redCell(TypingTables tables, Map<String, String> redCell) {
        long typed = 0;
        long positive = 0;
        for (Map.Entry<String, String> antigen : redCell.entrySet()) {
            try {
                RedCellPhenotype one = RedCellPhenotype.parse(Map.of(antigen.getKey(), antigen.getValue()),
                        tables.redCells());
                typed |= one.typed();
                positive |= one.positive();
            } catch (RuntimeException e) {
                // left out
            }
        }
        return new RedCellPhenotype(typed, positive);
    }
}
