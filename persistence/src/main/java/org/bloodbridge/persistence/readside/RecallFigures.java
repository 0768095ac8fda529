package org.bloodbridge.persistence.readside;

/**
 * A centre's recall list in figures.
 *
 * @param medianSecondsToAcknowledge from opening to acknowledgement, over the acknowledged recalls;
 *     null when none is acknowledged
 */
public record RecallFigures(long open, long acknowledged, Long medianSecondsToAcknowledge) {}
