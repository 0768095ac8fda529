package org.bloodbridge.http;

import java.util.List;
import java.util.Map;
import org.bloodbridge.engine.donor.Typing;
import org.bloodbridge.engine.donor.Typing.TypingChanges;
import org.bloodbridge.engine.typing.TypingTables;

/**
 * Reads {@code hla}, {@code hpa} and {@code redCell} from a request and checks every name against
 * the reference tables (an unknown allele is a 400 naming {@code hla.A[1]}). The typing is stored
 * as the laboratory gave it; what it means is derived when it is read.
 */
final class TypingInput {
    private final TypingTables tables;

    TypingInput(TypingTables tables) {
        this.tables = tables;
    }

    Typing read(Fields body) {
        Typing typing = new Typing(body.stringListMap("hla"), body.stringMap("hpa"), body.stringMap("redCell"));
        check(typing.hla(), typing.hpa(), typing.redCell());
        return typing;
    }

    /** For a PATCH: only what is given. */
    TypingChanges readChanges(Fields body) {
        Map<String, List<String>> hla = body.stringListMap("hla");
        Map<String, String> hpa = body.has("hpa") ? body.stringMap("hpa") : null;
        Map<String, String> redCell = body.has("redCell") ? body.stringMap("redCell") : null;
        check(hla, hpa == null ? Map.of() : hpa, redCell == null ? Map.of() : redCell);
        return new TypingChanges(hla, hpa, redCell);
    }

    /** @throws org.bloodbridge.engine.InvalidField naming the field at fault */
    private void check(Map<String, List<String>> hla, Map<String, String> hpa, Map<String, String> redCell) {
        tables.interpret(hla, hpa, redCell);
    }
}
