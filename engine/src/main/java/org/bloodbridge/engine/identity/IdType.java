package org.bloodbridge.engine.identity;

/** The kind of identity document a donor presented. */
public enum IdType {
    /** Chinese resident identity card (GB 11643-1999): check character, birth date and sex inside. */
    CN_RIC,
    PASSPORT,
    OTHER
}
