package org.bloodbridge.engine.identity;

public enum Sex {
    M,
    F
}
