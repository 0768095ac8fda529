package org.bloodbridge.engine.matching;

import java.util.Arrays;
import org.bloodbridge.engine.typing.Abo;

/**
 * The {@link DonorMatchProfile profiles} of a donor pool stored in columns (primitive arrays indexed
 * by a slot number the caller keeps per donor), so a scan reads memory in order however the profiles
 * were allocated. Not thread-safe: one owner writes, and scans run on the owner's thread or on a
 * pool no longer written.
 */
public final class DonorMatchPool {
    private static final int SLOTS = 6;
    private static final Abo[] ABO = Abo.values();
    private char[] hla = new char[0];
    private byte[] traits = new byte[0];
    private long[] hpaA = new long[0];
    private long[] hpaB = new long[0];
    private int size;

    /** Appends a donor's profile. @return its index in the pool */
    public int add(DonorMatchProfile profile) {
        if (size == traits.length) {
            grow(Math.max(1024, size * 2));
        }
        write(size, profile);
        return size++;
    }

    /** Replaces the profile at an index (after a donor's typing changed). */
    public void set(int index, DonorMatchProfile profile) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        write(index, profile);
    }

    private void write(int index, DonorMatchProfile profile) {
        int at = index * SLOTS;
        hla[at] = profile.a1();
        hla[at + 1] = profile.a2();
        hla[at + 2] = profile.b1();
        hla[at + 3] = profile.b2();
        hla[at + 4] = profile.c1();
        hla[at + 5] = profile.c2();
        traits[index] = profile.traits();
        hpaA[index] = profile.hpaA();
        hpaB[index] = profile.hpaB();
    }

    public int size() {
        return size;
    }

    /** The donor's ABO at an index, or null when untyped (read from its traits). */
    public Abo abo(int index) {
        int abo = traits[index] >> DonorMatchProfile.ABO_SHIFT;
        return abo == DonorMatchProfile.ABO_UNTYPED ? null : ABO[abo];
    }

    /** Evaluates one donor of the pool against a request (see {@link PlateletRequest#evaluate}). */
    public int evaluate(PlateletRequest request, int index) {
        int at = index * SLOTS;
        return request.evaluate(hla[at], hla[at + 1], hla[at + 2], hla[at + 3], hla[at + 4], hla[at + 5],
                traits[index], hpaA[index], hpaB[index]);
    }

    /** The summed MFI of the below-cut-off antibodies hitting one donor of the pool (see {@link PlateletRequest#dsaMfi}). */
    public int dsaMfi(PlateletRequest request, int index) {
        int at = index * SLOTS;
        return request.dsaMfi(hla[at], hla[at + 1], hla[at + 2], hla[at + 3], hla[at + 4], hla[at + 5], traits[index]);
    }

    private void grow(int capacity) {
        hla = Arrays.copyOf(hla, capacity * SLOTS);
        traits = Arrays.copyOf(traits, capacity);
        hpaA = Arrays.copyOf(hpaA, capacity);
        hpaB = Arrays.copyOf(hpaB, capacity);
    }
}
