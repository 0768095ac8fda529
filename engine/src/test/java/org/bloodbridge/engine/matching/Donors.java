package org.bloodbridge.engine.matching;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.HlaReference;
import org.bloodbridge.engine.typing.HlaTyping;
import org.bloodbridge.engine.typing.HpaTyping;
import org.bloodbridge.engine.typing.RhD;

/** Test donors written the short way: {@code "A2 A24 B46 B60"} (locus taken from each name). */
final class Donors {
    static final HlaReference REF = HlaReference.loadDefault();

    private Donors() {}

    static Map<String, List<String>> hla(String names) {
        Map<String, List<String>> hla = new LinkedHashMap<>();
        for (String name : names.split(" ")) {
            if (!name.isEmpty()) {
                hla.computeIfAbsent(name.substring(0, 1), k -> new ArrayList<>()).add(name);
            }
        }
        return hla;
    }

    static HlaTyping typing(String names) {
        return REF.interpret(hla(names));
    }

    static DonorMatchProfile profile(String names, Map<String, String> hpa, Abo abo, RhD rhD) {
        return DonorMatchProfile.of(typing(names), HpaTyping.parse(hpa), abo, rhD);
    }

    /** HPA-1 typed aa, ABO O, RhD positive. */
    static DonorMatchProfile profile(String names) {
        return profile(names, Map.of("HPA-1", "aa"), Abo.O, RhD.POS);
    }
}
