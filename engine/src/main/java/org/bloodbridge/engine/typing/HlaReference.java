package org.bloodbridge.engine.typing;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * One IPD-IMGT/HLA release, loaded once into compact tables: the antigens of loci A, B, C with
 * their broad/split/associated links and Bw4/Bw6 epitopes, and every allele name (and every
 * shorter name that covers longer ones field by field) translated into a {@link SlotTypes} id.
 * Immutable after loading, so one instance is shared by every thread.
 */
public final class HlaReference {
    private static final String DEFAULT_RELEASE_DIR = "/imgt-hla/3.58.0/";
    private static final String BW_TABLE = "/typing/bw4-bw6.txt";
    private static final Pattern VERSION = Pattern.compile("#\\s*version:.*?([0-9]+(?:\\.[0-9]+)+)");

    private final String release;
    private final HlaAntigens antigens;
    private final SlotTypes slotTypes = new SlotTypes();
    /** Allele names and covering prefixes ({@code A*02:10}, {@code A*01:01:01:02N}), sorted. */
    private final String[] alleleKeys;
    private final int[] alleleSlotTypes;

    private HlaReference(List<String> relDnaSer, List<String> relSerSer, List<String> bwTable, String fallbackRelease) {
        release = releaseOf(relDnaSer, fallbackRelease);
        List<DnaSerEntry> alleles = entries(relDnaSer);
        Map<String, List<String>> splits = new LinkedHashMap<>();
        Map<String, List<String>> associated = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        readSerSer(relSerSer, splits, associated, names);
        for (DnaSerEntry allele : alleles) {
            for (String number : allele.antigenNumbers()) {
                names.add(antigenName(allele, number));
            }
        }
        Map<Bw, List<String>> bw = new EnumMap<>(Bw.class);
        NamedGroups.parse(bwTable, "Bw table").forEach((label, carriers) -> {
            Bw epitope = Bw.ofLabel(label);
            if (epitope == null) {
                throw new IllegalArgumentException("Bw table: '" + label + "' is not Bw4 or Bw6");
            }
            bw.put(epitope, carriers);
            names.addAll(carriers); // WHO antigens, even where a (test) release's files do not mention them
        });
        antigens = new HlaAntigens(names, splits, associated, bw);
        for (int code = 0; code < antigens.count(); code++) {
            slotTypes.intern(antigens.locus(code), new TreeSet<>(List.of(code)), false);
        }
        TreeMap<String, Integer> byKey = alleleTable(alleles);
        alleleKeys = byKey.keySet().toArray(String[]::new);
        alleleSlotTypes = byKey.values().stream().mapToInt(Integer::intValue).toArray();
    }

    /** Release 3.58.0 as shipped on the classpath, loaded on first use. */
    public static HlaReference loadDefault() {
        return Shipped.INSTANCE;
    }

    private static final class Shipped {
        static final HlaReference INSTANCE = new HlaReference(
                Resources.lines(DEFAULT_RELEASE_DIR + "rel_dna_ser.txt"),
                Resources.lines(DEFAULT_RELEASE_DIR + "rel_ser_ser.txt"),
                Resources.lines(BW_TABLE),
                "3.58.0");
    }

    /**
     * An operator-supplied release (for example a newer quarterly one). The release name comes from
     * the {@code # version:} header of rel_dna_ser.txt, else from the name of its directory.
     *
     * @throws UncheckedIOException when a file cannot be read
     * @throws IllegalArgumentException when a file is not in the IMGT format
     */
    public static HlaReference load(Path relDnaSer, Path relSerSer) {
        Path dir = relDnaSer.toAbsolutePath().getParent();
        return new HlaReference(Resources.lines(relDnaSer), Resources.lines(relSerSer), Resources.lines(BW_TABLE),
                dir == null ? "unknown" : dir.getFileName().toString());
    }

    /** The IMGT/HLA release, e.g. {@code 3.58.0}. */
    public String release() {
        return release;
    }

    public HlaAntigens antigens() {
        return antigens;
    }

    public SlotTypes slotTypes() {
        return slotTypes;
    }

    /**
     * The slot type a name types: an allele covers every allele name that extends it field by field
     * ({@code A*02:10} covers {@code A*02:10:01}, never {@code A*02:101}); a serological name is its
     * antigen.
     *
     * @throws IllegalArgumentException for a Bw epitope, or an allele or antigen not in this release
     */
    public int slotTypeOf(HlaName name) {
        if (name instanceof AlleleName allele) {
            int at = Arrays.binarySearch(alleleKeys, allele.toString());
            if (at < 0) {
                throw new IllegalArgumentException("unknown allele " + allele + " (not in IMGT/HLA " + release + ")");
            }
            return alleleSlotTypes[at];
        }
        if (name instanceof SerologyName serology) {
            return slotTypeOfAntigen(antigenCode(serology));
        }
        throw new IllegalArgumentException(name + " is a public epitope, not the antigen of one slot");
    }

    /**
     * The code of a serological antigen.
     *
     * @throws IllegalArgumentException when this release has no such antigen
     */
    public int antigenCode(SerologyName name) {
        int code = antigens.code(name.toString());
        if (code < 0) {
            throw new IllegalArgumentException("unknown antigen " + name + " (not in IMGT/HLA " + release + ")");
        }
        return code;
    }

    /** Single antigens were interned first, so an antigen's slot type is its code + 1. */
    private static int slotTypeOfAntigen(int code) {
        return code + 1;
    }

    /** A donor's (or patient's) HLA typing with error fields {@code hla.A[0]} and so on. */
    public HlaTyping interpret(Map<String, List<String>> hla) {
        return HlaTyping.interpret(this, hla, "hla");
    }

    /** As {@link #interpret(Map)}, with error fields under {@code fieldPrefix} (e.g. {@code patient.hla}). */
    public HlaTyping interpret(Map<String, List<String>> hla, String fieldPrefix) {
        return HlaTyping.interpret(this, hla, fieldPrefix);
    }

    private static String releaseOf(List<String> relDnaSer, String fallback) {
        for (String line : relDnaSer) {
            if (!line.startsWith("#")) {
                break;
            }
            Matcher m = VERSION.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        return fallback;
    }

    private static List<DnaSerEntry> entries(List<String> relDnaSer) {
        return IntStream.range(0, relDnaSer.size())
                .mapToObj(i -> DnaSerEntry.parse(relDnaSer.get(i), i + 1))
                .filter(Objects::nonNull)
                .toList();
    }

    /** {@code Locus;Antigen;Splits;Associated}, e.g. {@code A;9;23/24;} and {@code A;24;;2403}. */
    private static void readSerSer(List<String> lines, Map<String, List<String>> splits,
                                   Map<String, List<String>> associated, Set<String> names) {
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(";", -1);
            Locus locus = fields.length < 4 ? null : Arrays.stream(Locus.values())
                    .filter(l -> l.serologyPrefix().equals(fields[0])).findFirst().orElse(null);
            if (locus == null) {
                continue;
            }
            String parent = locus.serologyPrefix() + fields[1];
            names.add(parent);
            addChildren(locus, parent, fields[2], splits, names);
            addChildren(locus, parent, fields[3], associated, names);
        }
    }

    private static void addChildren(Locus locus, String parent, String field, Map<String, List<String>> into,
                                    Set<String> names) {
        for (String number : field.split("/")) {
            if (!number.isBlank()) {
                String child = locus.serologyPrefix() + number.strip();
                names.add(child);
                into.computeIfAbsent(parent, p -> new ArrayList<>()).add(child);
            }
        }
    }

    private static String antigenName(DnaSerEntry allele, String number) {
        if (!number.matches("[1-9][0-9]*")) {
            throw new IllegalArgumentException("rel_dna_ser.txt: serology '" + number + "' of "
                    + allele.locus() + "*" + allele.allele() + " is not an antigen number, 0 or ?");
        }
        return allele.locus().serologyPrefix() + number;
    }

    /**
     * Every allele name, and every shorter name made of its leading fields, with the union of what
     * the alleles it covers express. A full name keeps its expression suffix as a key of its own.
     */
    private TreeMap<String, Integer> alleleTable(List<DnaSerEntry> alleles) {
        TreeMap<String, TreeSet<Integer>> codes = new TreeMap<>();
        Set<String> unknown = new HashSet<>();
        for (DnaSerEntry allele : alleles) {
            TreeSet<Integer> expressed = new TreeSet<>();
            for (String number : allele.antigenNumbers()) {
                expressed.add(antigens.code(antigenName(allele, number)));
            }
            boolean noEquivalent = allele.noEquivalent();
            String name = allele.allele();
            String fields = Character.isLetter(name.charAt(name.length() - 1)) ? name.substring(0, name.length() - 1) : name;
            String prefix = allele.locus() + "*";
            for (String field : fields.split(":")) {
                prefix = prefix.endsWith("*") ? prefix + field : prefix + ":" + field;
                merge(codes, unknown, prefix, expressed, noEquivalent);
            }
            if (!fields.equals(name)) {
                merge(codes, unknown, allele.locus() + "*" + name, expressed, noEquivalent);
            }
        }
        TreeMap<String, Integer> slotTypeByKey = new TreeMap<>();
        codes.forEach((key, set) -> slotTypeByKey.put(key,
                slotTypes.intern(Locus.valueOf(key.substring(0, 1)), set, unknown.contains(key))));
        return slotTypeByKey;
    }

    private static void merge(TreeMap<String, TreeSet<Integer>> codes, Set<String> unknown, String key,
                              Set<Integer> expressed, boolean noEquivalent) {
        codes.computeIfAbsent(key, k -> new TreeSet<>()).addAll(expressed);
        if (noEquivalent) {
            unknown.add(key);
        }
    }
}
