package org.bloodbridge.engine.typing;

/**
 * A parsed HLA name: a WHO allele name ({@code A*02:01}), a serological antigen ({@code A2}) or a
 * public epitope ({@code Bw4}). Parsing checks the form only; whether the allele or antigen exists
 * is the {@link HlaReference}'s business.
 */
public sealed interface HlaName permits AlleleName, SerologyName, Bw {

    /**
     * Parses one name.
     *
     * @throws IllegalArgumentException whose message says which part of the name is wrong
     */
    static HlaName parse(String text) {
        return HlaNameParser.parse(text);
    }
}
