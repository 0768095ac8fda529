package org.bloodbridge.engine.typing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small text format of the operator-replaceable typing tables (Bw4/Bw6, CREG groups):
 * one group a line, {@code name: member, member, ...}; blank lines and lines starting with
 * {@code #} are ignored. A name given twice collects the members of both lines.
 */
final class NamedGroups {
    private NamedGroups() {}

    /**
     * @param source names the file in error messages
     * @throws IllegalArgumentException for a line without a name and a colon, or without members
     */
    static Map<String, List<String>> parse(List<String> lines, String source) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon > 0 ? line.substring(0, colon).strip() : "";
            List<String> members = new ArrayList<>();
            for (String member : line.substring(colon + 1).split(",")) {
                if (!member.isBlank()) {
                    members.add(member.strip());
                }
            }
            if (name.isEmpty() || members.isEmpty()) {
                throw new IllegalArgumentException(source + " line " + (i + 1)
                        + ": expected 'name: member, member, ...', got '" + line + "'");
            }
            groups.computeIfAbsent(name, n -> new ArrayList<>()).addAll(members);
        }
        return groups;
    }
}
