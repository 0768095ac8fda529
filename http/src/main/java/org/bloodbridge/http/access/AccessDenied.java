package org.bloodbridge.http.access;

/** 403 {@code forbidden}: a verified caller without the right; the message names the role or centre needed. */
public final class AccessDenied extends RuntimeException {
    private AccessDenied(String message) {
        super(message, null, false, false);
    }

    public static AccessDenied forbidden(String message) {
        return new AccessDenied(message);
    }

    static AccessDenied noCentre() {
        return new AccessDenied("the token names no centre");
    }

    /** The caller acts for another centre than {@code centre} (named by {@code field} of the request, or by the resource). */
    public static AccessDenied notYourCentre(String centre, String what) {
        return new AccessDenied(what + " " + centre + " is not one of your centres");
    }
}
