package org.bloodbridge.engine.typing;

/** RhD type. */
public enum RhD {
    POS,
    NEG
}
