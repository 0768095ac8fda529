package org.bloodbridge.engine;

/**
 * Input that fails a domain check, naming the field at fault as the HTTP API reports it: a dot
 * path such as {@code nationalId}, {@code din}, {@code hla.A[1]} (locus key, then 0-based index),
 * {@code hla.D} (an unknown locus key), {@code hpa.HPA-1}, {@code redCell.Fy(a)},
 * {@code patient.hlaAntibodies[0]}. Messages never contain a raw national ID.
 */
public final class InvalidField extends RuntimeException {
    private final String field;

    public InvalidField(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
