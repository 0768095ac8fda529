package org.bloodbridge.bench.data;

/** Zero-padded decimals without String.format, which dominates the generator's profile otherwise. */
final class Digits {
    private static final String ZEROS = "000000";

    private Digits() {}

    /** {@code padded(7, 3)} is {@code "007"}; {@code n} must be non-negative and fit in {@code width} digits. */
    static String padded(int n, int width) {
        String digits = Integer.toString(n);
        return ZEROS.substring(0, width - digits.length()) + digits;
    }
}
