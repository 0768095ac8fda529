package org.bloodbridge.engine.lookback;

public enum RecallStatus {
    OPEN,
    ACKNOWLEDGED
}
