package org.bloodbridge.engine.identity;

/**
 * An identity document or donation number that fails its checks. {@code field} names the input
 * at fault ({@code nationalId}, {@code birthDate}, {@code sex}, {@code din}). The message never
 * contains the raw national ID.
 */
public final class InvalidIdentity extends RuntimeException {
    private final String field;

    public InvalidIdentity(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
