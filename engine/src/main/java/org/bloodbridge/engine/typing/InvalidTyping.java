package org.bloodbridge.engine.typing;

/**
 * A typing or antibody name that cannot be used. {@code field} is the dot path of the input at
 * fault, as the HTTP API reports it: {@code hla.A[1]} (locus key, then 0-based index), {@code hla.D}
 * for an unknown locus key, {@code hpa.HPA-1}, {@code redCell.Fy(a)}, {@code patient.hlaAntibodies[0]}.
 */
public final class InvalidTyping extends RuntimeException {
    private final String field;

    public InvalidTyping(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
