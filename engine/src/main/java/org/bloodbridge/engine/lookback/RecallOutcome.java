package org.bloodbridge.engine.lookback;

/** What the collecting centre found when it acted on a recall. */
public enum RecallOutcome {
    /** The unit is in stock and held back. */
    QUARANTINED,
    /** The unit had been issued and was called back. */
    RECALLED,
    /** The unit had already been transfused (the recipient is then followed up). */
    TRANSFUSED
}
