package org.bloodbridge.engine.typing;

import org.bloodbridge.engine.InvalidField;
import java.util.ArrayList;
import java.util.List;

/**
 * The red-cell antigens a phenotype may name (ISBT common names, shipped in
 * {@code typing/red-cell-antigens.txt}), each with an index 0..63 so a phenotype fits in a long.
 */
public final class RedCellAntigens {
    private static final String SHIPPED = "/typing/red-cell-antigens.txt";
    private final List<String> names;

    private RedCellAntigens(List<String> names) {
        if (names.size() > Long.SIZE) {
            throw new IllegalArgumentException("at most " + Long.SIZE + " red-cell antigens, got " + names.size());
        }
        this.names = List.copyOf(names);
    }

    /** The shipped list. */
    public static RedCellAntigens loadDefault() {
        return Shipped.INSTANCE;
    }

    private static final class Shipped {
        static final RedCellAntigens INSTANCE = parse(Resources.lines(SHIPPED));
    }

    static RedCellAntigens parse(List<String> lines) {
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        return new RedCellAntigens(names);
    }

    /** The bit of an antigen name ({@code Fy(a)}), or 0 when the name is not on the list. */
    public long bit(String name) {
        int index = names.indexOf(name);
        return index < 0 ? 0 : 1L << index;
    }

    /**
     * @throws InvalidField naming {@code field} for a name not on the list
     */
    public long requireBit(String name, String field) {
        long bit = bit(name);
        if (bit == 0) {
            throw new InvalidField(field, "unknown red-cell antigen '" + name + "' (expected an ISBT name such as Fy(a), Jk(b), K, c)");
        }
        return bit;
    }

    public List<String> names() {
        return names;
    }
}
