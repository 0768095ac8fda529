package org.bloodbridge.engine.request;

/**
 * {@code OPEN -> CANDIDATES_FOUND | NO_CANDIDATES -> RECRUITING (first contact) -> ALLOCATED (first
 * allocation) -> FULFILLED}, or {@code CANCELLED} from any state before {@code FULFILLED}.
 * {@code OPEN} lasts while the pools are searched, before anything is stored.
 */
public enum RequestStatus {
    OPEN,
    CANDIDATES_FOUND,
    NO_CANDIDATES,
    RECRUITING,
    ALLOCATED,
    FULFILLED,
    CANCELLED;

    /** Whether the request still holds (or may come to hold) donors. */
    public boolean open() {
        return this != FULFILLED && this != CANCELLED;
    }
}
