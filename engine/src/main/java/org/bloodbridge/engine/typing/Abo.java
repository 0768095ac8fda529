package org.bloodbridge.engine.typing;

/** ABO blood group. */
public enum Abo {
    O,
    A,
    B,
    AB
}
