package org.bloodbridge.engine.pool;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bloodbridge.engine.donor.DonorSummary;
import org.bloodbridge.engine.eligibility.DonationType;
import org.bloodbridge.engine.matching.DonorMatchPool;
import org.bloodbridge.engine.matching.DonorMatchProfile;
import org.bloodbridge.engine.matching.Evaluation;
import org.bloodbridge.engine.matching.PlateletCandidate;
import org.bloodbridge.engine.matching.PlateletRequest;
import org.bloodbridge.engine.matching.RedCellCandidate;
import org.bloodbridge.engine.matching.RedCellRequest;
import org.bloodbridge.engine.typing.Abo;
import org.bloodbridge.engine.typing.HlaTyping;
import org.bloodbridge.engine.typing.Panel;
import org.bloodbridge.engine.typing.RedCellPhenotype;
import org.bloodbridge.engine.typing.RhD;
import org.bloodbridge.engine.typing.TypingTables;

/**
 * The donors of one centre in columns, for match requests, registry searches and statistics.
 * Pure and not thread-safe: one owner (the centre's pool actor) writes and reads it.
 * <p>
 * Each donor has a slot, kept for good (donors are never deleted), and every column is an array
 * indexed by slot. Dates are epoch days, {@link #NEVER} for null. Scans do not walk every slot:
 * platelet matches walk {@link #plateletSlots}, red-cell matches the list of donors typed negative
 * for one required antigen. A slot enters a list at most once and never leaves it, so a list may
 * hold donors that no longer qualify; every scan re-checks its conditions on the current columns.
 */
public final class PoolIndex {
    private static final int NEVER = Integer.MAX_VALUE;
    private static final int INITIAL_CAPACITY = 1024;

    // Per-slot flags: the current state, then which lists the slot has been appended to.
    private static final int PLATELET = 1;
    private static final int RARE = 1 << 1;
    private static final int RESERVED = 1 << 2;
    private static final int RHD_NEGATIVE = 1 << 3;
    private static final int RHD_POSITIVE = 1 << 4;
    private static final int LISTED_PLATELET = 1 << 5;
    private static final int LISTED_RHD_NEGATIVE = 1 << 6;
    private static final int LISTED = LISTED_PLATELET | LISTED_RHD_NEGATIVE;

    private final String centre;
    private final TypingTables tables;
    private final HlaTyping untypedHla;

    private final Object2IntOpenHashMap<String> slotOf = new Object2IntOpenHashMap<>();
    private final DonorMatchPool profiles = new DonorMatchPool();
    private int size;
    private String[] donorIds = new String[INITIAL_CAPACITY];
    private long[] seqNrs = new long[INITIAL_CAPACITY];
    private long[] typed = new long[INITIAL_CAPACITY];
    private long[] positive = new long[INITIAL_CAPACITY];
    /** The antigens whose {@link #negativeFor} list holds the slot. */
    private long[] listedNegative = new long[INITIAL_CAPACITY];
    private byte[] flags = new byte[INITIAL_CAPACITY];
    private int[] eligiblePlatelets = new int[INITIAL_CAPACITY];
    private int[] eligibleWholeBlood = new int[INITIAL_CAPACITY];
    private int[] registeredOn = new int[INITIAL_CAPACITY];
    private int[] hlaTypedOn = new int[INITIAL_CAPACITY];
    private int[] redCellTypedOn = new int[INITIAL_CAPACITY];
    private int[] permanentlyDeferredOn = new int[INITIAL_CAPACITY];

    /** Slots that were ever on the PLATELET panel. */
    private final IntArrayList plateletSlots = new IntArrayList();
    /** Per red-cell antigen bit: slots ever typed negative for it (null until the first). */
    private final IntArrayList[] negativeFor = new IntArrayList[Long.SIZE];
    /** Slots ever typed RhD negative. */
    private final IntArrayList rhdNegative = new IntArrayList();

    public PoolIndex(String centre, TypingTables tables) {
        this.centre = Objects.requireNonNull(centre);
        this.tables = Objects.requireNonNull(tables);
        this.untypedHla = LenientTyping.untypedHla(tables);
        slotOf.defaultReturnValue(-1);
    }

    public String centre() {
        return centre;
    }

    public boolean contains(String donorId) {
        return slotOf.getInt(donorId) >= 0;
    }

    /** The donors now on the PLATELET or RARE panel: those a match can propose. */
    public List<String> panelDonors() {
        List<String> panel = new ArrayList<>();
        for (int slot = 0; slot < size; slot++) {
            if ((flags[slot] & (PLATELET | RARE)) != 0) {
                panel.add(donorIds[slot]);
            }
        }
        return panel;
    }

    /** The number of donors indexed. */
    public int size() {
        return size;
    }

    /**
     * Applies a summary unless the index already holds one with a seqNr >= it. Never throws for a
     * summary's content: a typing the tables no longer read is indexed as untyped where it fails.
     *
     * @return whether the summary was applied
     */
    public boolean upsert(DonorSummary summary) {
        if (summary == null || summary.donorId() == null) {
            return false;
        }
        int slot = slotOf.getInt(summary.donorId());
        if (slot >= 0 && seqNrs[slot] >= summary.seqNr()) {
            return false;
        }
        Abo abo = summary.abo();
        RhD rhD = summary.rhD();
        TypingTables.Interpreted typing = LenientTyping.read(tables, summary.typing());
        DonorMatchProfile profile;
        try {
            profile = DonorMatchProfile.of(typing.hla(), typing.hpa(), abo, rhD);
        } catch (RuntimeException e) { // an HLA slot id the profile cannot hold: HLA untyped
            typing = new TypingTables.Interpreted(untypedHla, typing.hpa(), typing.redCell());
            profile = DonorMatchProfile.of(untypedHla, typing.hpa(), abo, rhD);
        }
        Set<Panel> panels = typing.panels(rhD, tables.rarePatterns());

        if (slot < 0) {
            slot = newSlot(summary.donorId(), profile);
        } else {
            profiles.set(slot, profile);
        }
        seqNrs[slot] = summary.seqNr();
        typed[slot] = typing.redCell().typed();
        positive[slot] = typing.redCell().positive();
        flags[slot] = (byte) ((flags[slot] & LISTED)
                | (panels.contains(Panel.PLATELET) ? PLATELET : 0)
                | (panels.contains(Panel.RARE) ? RARE : 0)
                | (summary.reservedFor() != null ? RESERVED : 0)
                | (rhD == RhD.NEG ? RHD_NEGATIVE : 0)
                | (rhD == RhD.POS ? RHD_POSITIVE : 0));
        eligiblePlatelets[slot] = day(summary.eligiblePlatelets());
        eligibleWholeBlood[slot] = day(summary.eligibleWholeBlood());
        registeredOn[slot] = day(summary.registeredOn());
        hlaTypedOn[slot] = day(summary.hlaTypedOn());
        redCellTypedOn[slot] = day(summary.redCellTypedOn());
        permanentlyDeferredOn[slot] = day(summary.permanentlyDeferredOn());
        list(slot);
        return true;
    }

    private int newSlot(String donorId, DonorMatchProfile profile) {
        if (size == donorIds.length) {
            grow(size * 2);
        }
        int slot = size;
        if (profiles.add(profile) != slot) {
            throw new IllegalStateException("the profile pool is out of step with the index");
        }
        donorIds[slot] = donorId;
        slotOf.put(donorId, slot);
        size++;
        return slot;
    }

    /** Appends the slot to each scan list it now qualifies for and is not on yet. */
    private void list(int slot) {
        int flag = flags[slot];
        if ((flag & (PLATELET | LISTED_PLATELET)) == PLATELET) {
            plateletSlots.add(slot);
            flag |= LISTED_PLATELET;
        }
        if ((flag & (RHD_NEGATIVE | LISTED_RHD_NEGATIVE)) == RHD_NEGATIVE) {
            rhdNegative.add(slot);
            flag |= LISTED_RHD_NEGATIVE;
        }
        flags[slot] = (byte) flag;
        long unlisted = typed[slot] & ~positive[slot] & ~listedNegative[slot];
        listedNegative[slot] |= unlisted;
        for (; unlisted != 0; unlisted &= unlisted - 1) {
            int antigen = Long.numberOfTrailingZeros(unlisted);
            if (negativeFor[antigen] == null) {
                negativeFor[antigen] = new IntArrayList();
            }
            negativeFor[antigen].add(slot);
        }
    }

    /**
     * The best {@code limit} PLATELET-panel donors for a request: not reserved, eligible for platelets
     * by {@code neededBy}, not excluded by the request; ranked by (m, x, u), dsaMfi, ABO class, RhD flag, then
     * eligibleFrom (the eligible date, or today when that is past), then donorId.
     */
    public List<PlateletCandidate> findPlatelets(PlateletRequest request, LocalDate neededBy, LocalDate today,
                                                 int limit) {
        int needed = day(Objects.requireNonNull(neededBy));
        int now = day(Objects.requireNonNull(today));
        TopK top = new TopK(limit);
        boolean countsDsaMfi = request.countsDsaMfi();
        int[] slots = plateletSlots.elements();
        for (int i = 0, n = plateletSlots.size(); i < n; i++) {
            int slot = slots[i];
            if (!openForPlatelets(slot, needed)) {
                continue;
            }
            int eligible = eligiblePlatelets[slot];
            int evaluation = profiles.evaluate(request, slot);
            if (!Evaluation.excluded(evaluation)) {
                long key = PlateletCandidate.rankKey(evaluation, 0);
                // dsaMfi only adds to the key: a donor refused at 0 needs no dsaMfi (most are, once the top is full).
                if (countsDsaMfi && !top.refuses(key)) {
                    key = PlateletCandidate.rankKey(evaluation, profiles.dsaMfi(request, slot));
                }
                top.offer(key, Math.max(eligible, now), donorIds[slot], evaluation);
            }
        }
        List<PlateletCandidate> candidates = new ArrayList<>();
        for (TopK.Ranked ranked : top.best()) {
            candidates.add(new PlateletCandidate(ranked.donorId(), centre, LocalDate.ofEpochDay(ranked.day()),
                    ranked.value(), (int) (ranked.key() >>> 8 & 0xFFFF_FFFFL)));
        }
        return candidates;
    }

    /**
     * The best {@code limit} donors compatible with a red-cell request, not reserved and eligible for
     * whole blood by {@code neededBy}; ABO identical first, then eligibleFrom, then donorId. Scans the
     * shortest list of donors typed negative for a required antigen; a request requiring none scans
     * the RhD-negative donors when the patient needs those, and otherwise finds nothing (such a
     * request is refused before it gets here).
     */
    public List<RedCellCandidate> findRedCells(RedCellRequest request, LocalDate neededBy, LocalDate today,
                                               int limit) {
        int needed = day(Objects.requireNonNull(neededBy));
        int now = day(Objects.requireNonNull(today));
        IntArrayList scan;
        if (request.mustBeNegative() != 0) {
            scan = shortestNegativeList(request.mustBeNegative());
        } else if (request.rhdNegativeOnly()) {
            scan = rhdNegative;
        } else {
            return List.of();
        }
        TopK top = new TopK(limit);
        int[] slots = scan.elements();
        for (int i = 0, n = scan.size(); i < n; i++) {
            int slot = slots[i];
            if (openForRedCells(slot, needed) && compatible(request, slot)) {
                int eligible = eligibleWholeBlood[slot];
                top.offer(request.aboIdentical(profiles.abo(slot)) ? 0 : 1, Math.max(eligible, now), donorIds[slot], 0);
            }
        }
        List<RedCellCandidate> candidates = new ArrayList<>();
        for (TopK.Ranked ranked : top.best()) {
            candidates.add(new RedCellCandidate(ranked.donorId(), centre, LocalDate.ofEpochDay(ranked.day()),
                    ranked.key() == 0));
        }
        return candidates;
    }

    /**
     * Whether {@code donorId} would be among {@link #findPlatelets}'s answers to {@code request} were
     * there no limit: how a standing request hears of a donor who has come to qualify.
     */
    public boolean qualifiesForPlatelets(PlateletRequest request, String donorId, LocalDate neededBy) {
        int slot = slotOf.getInt(donorId);
        return slot >= 0 && openForPlatelets(slot, day(neededBy))
                && !Evaluation.excluded(profiles.evaluate(request, slot));
    }

    /** Whether {@code donorId} would be among {@link #findRedCells}'s answers were there no limit. */
    public boolean qualifiesForRedCells(RedCellRequest request, String donorId, LocalDate neededBy) {
        int slot = slotOf.getInt(donorId);
        return slot >= 0 && openForRedCells(slot, day(neededBy)) && compatible(request, slot);
    }

    /** On the platelet panel, not reserved, and eligible for platelets by day {@code needed}. */
    private boolean openForPlatelets(int slot, int needed) {
        return (flags[slot] & (PLATELET | RESERVED)) == PLATELET && eligiblePlatelets[slot] <= needed;
    }

    /** Not reserved, and eligible for whole blood by day {@code needed}. */
    private boolean openForRedCells(int slot, int needed) {
        return (flags[slot] & RESERVED) == 0 && eligibleWholeBlood[slot] <= needed;
    }

    private boolean compatible(RedCellRequest request, int slot) {
        return request.compatible(profiles.abo(slot), rhD(slot), new RedCellPhenotype(typed[slot], positive[slot]));
    }

    /** The shortest {@link #negativeFor} list among the antigens of a non-empty mask (empty when one has none). */
    private IntArrayList shortestNegativeList(long mask) {
        IntArrayList shortest = null;
        for (long rest = mask; rest != 0; rest &= rest - 1) {
            IntArrayList list = negativeFor[Long.numberOfTrailingZeros(rest)];
            if (list == null) {
                return new IntArrayList(0); // nobody was ever typed negative for it
            }
            if (shortest == null || list.size() < shortest.size()) {
                shortest = list;
            }
        }
        return shortest;
    }

    /**
     * A page of the registry search: the donorIds matching every filter, ascending, strictly after
     * {@code afterDonorId} (null for the first page), at most {@code limit}.
     */
    public List<String> search(RegistryFilter filter, String afterDonorId, int limit) {
        TopK top = new TopK(limit);
        IntArrayList scan = null; // null: every slot
        if (filter.negativeMask() != 0) {
            scan = shortestNegativeList(filter.negativeMask());
        } else if (filter.panel() == Panel.PLATELET) {
            scan = plateletSlots;
        }
        int eligibleOn = day(filter.eligibleOn());
        int n = scan == null ? size : scan.size();
        int[] slots = scan == null ? null : scan.elements();
        for (int i = 0; i < n; i++) {
            int slot = slots == null ? i : slots[i];
            String donorId = donorIds[slot];
            if ((afterDonorId == null || donorId.compareTo(afterDonorId) > 0) && matches(filter, eligibleOn, slot)) {
                top.offer(0, 0, donorId, slot);
            }
        }
        List<String> page = new ArrayList<>();
        for (TopK.Ranked ranked : top.best()) {
            page.add(ranked.donorId());
        }
        return page;
    }

    /** @param eligibleOn the filter's date as an epoch day, {@link #NEVER} when it has none */
    private boolean matches(RegistryFilter filter, int eligibleOn, int slot) {
        if (filter.panel() != null && (flags[slot] & (filter.panel() == Panel.PLATELET ? PLATELET : RARE)) == 0) {
            return false;
        }
        if ((filter.negativeMask() & ~(typed[slot] & ~positive[slot])) != 0) {
            return false;
        }
        if (filter.abo() != null && profiles.abo(slot) != filter.abo()) {
            return false;
        }
        if (eligibleOn != NEVER) {
            int eligible = filter.type() == DonationType.PLATELETS_APHERESIS
                    ? eligiblePlatelets[slot] : eligibleWholeBlood[slot];
            return eligible <= eligibleOn;
        }
        return true;
    }

    /**
     * The counts at the end of {@code date}: donors registered; on the PLATELET panel now and HLA
     * typed by then; on the RARE panel now and red-cell typed by then (registered by then when no
     * red-cell typing date is known); permanently deferred by then. Panels are as of now because the
     * index keeps no panel history; the typing dates place the donor's entry on it.
     */
    public PoolCounts countsOn(LocalDate date) {
        int on = day(Objects.requireNonNull(date));
        long donors = 0;
        long platelet = 0;
        long rare = 0;
        long deferred = 0;
        for (int slot = 0; slot < size; slot++) {
            int flag = flags[slot];
            donors += registeredOn[slot] <= on ? 1 : 0;
            platelet += (flag & PLATELET) != 0 && hlaTypedOn[slot] <= on ? 1 : 0;
            int rareSince = redCellTypedOn[slot] == NEVER ? registeredOn[slot] : redCellTypedOn[slot];
            rare += (flag & RARE) != 0 && rareSince <= on ? 1 : 0;
            deferred += permanentlyDeferredOn[slot] <= on ? 1 : 0;
        }
        return new PoolCounts(donors, platelet, rare, deferred);
    }

    private RhD rhD(int slot) {
        int flag = flags[slot];
        return (flag & RHD_NEGATIVE) != 0 ? RhD.NEG : (flag & RHD_POSITIVE) != 0 ? RhD.POS : null;
    }

    private void grow(int capacity) {
        donorIds = Arrays.copyOf(donorIds, capacity);
        seqNrs = Arrays.copyOf(seqNrs, capacity);
        typed = Arrays.copyOf(typed, capacity);
        positive = Arrays.copyOf(positive, capacity);
        listedNegative = Arrays.copyOf(listedNegative, capacity);
        flags = Arrays.copyOf(flags, capacity);
        eligiblePlatelets = Arrays.copyOf(eligiblePlatelets, capacity);
        eligibleWholeBlood = Arrays.copyOf(eligibleWholeBlood, capacity);
        registeredOn = Arrays.copyOf(registeredOn, capacity);
        hlaTypedOn = Arrays.copyOf(hlaTypedOn, capacity);
        redCellTypedOn = Arrays.copyOf(redCellTypedOn, capacity);
        permanentlyDeferredOn = Arrays.copyOf(permanentlyDeferredOn, capacity);
    }

    /** Epoch day, {@link #NEVER} for null (a date beyond any other); absurd years are clamped, not thrown on. */
    private static int day(LocalDate date) {
        return date == null ? NEVER : (int) Math.max(Integer.MIN_VALUE, Math.min(NEVER - 1, date.toEpochDay()));
    }
}
