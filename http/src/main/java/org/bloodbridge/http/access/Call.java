package org.bloodbridge.http.access;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One authorized API call, as the routes see it: the verified {@link Caller} and what the call
 * touched, for its audit entry. The routes decide here what depends on the resource: the acting
 * centre a body names, and whose donor or request it is.
 */
public final class Call {
    private final Caller caller;
    private final RateLimits limits;
    private final Set<String> resources = new LinkedHashSet<>();
    private final Set<String> scope = new LinkedHashSet<>();

    public Call(Caller caller, RateLimits limits) {
        this.caller = caller;
        this.limits = limits;
        scope.addAll(caller.centres());
    }

    /**
     * Spends {@code units} more of the caller's allowance, beyond the 1 every call costs: a batch
     * counts its checks, a search page its size, an import its lines.
     *
     * @throws RateLimits.RateLimited when the caller has spent its allowance (429)
     */
    public void charge(long units) {
        if (units > 0) {
            limits.charge(caller.subject(), units);
        }
    }

    public Caller caller() {
        return caller;
    }

    /**
     * The acting centre: {@code named} (a body's {@code centre}, {@code by}, {@code requestingCentre},
     * {@code collectingCentre}) when given, else the caller's own.
     *
     * @throws AccessDenied when {@code named} is not one of the caller's centres
     */
    public String actingCentre(String named, String field) {
        if (named == null) {
            return caller.defaultCentre();
        }
        requireCentre(named, field);
        return named;
    }

    /** @throws AccessDenied unless the caller acts for {@code centre} ({@code what} names it in the message) */
    public void requireCentre(String centre, String what) {
        if (!caller.actsFor(centre)) {
            throw AccessDenied.notYourCentre(centre, what);
        }
    }

    /** Records that the call touched a donor of {@code homeCentre} (null when not known). */
    public synchronized void touchedDonor(String donorId, String homeCentre) {
        resources.add("donor/" + donorId);
        if (homeCentre != null) {
            scope.add(homeCentre);
        }
    }

    /** Records that the call touched a match request of {@code requestingCentre}. */
    public synchronized void touchedRequest(String requestId, String requestingCentre) {
        resources.add("match-request/" + requestId);
        if (requestingCentre != null) {
            scope.add(requestingCentre);
        }
    }

    /**
     * Records that the call read or changed the health data of a patient of {@code centre}
     * ({@code reference}: the requesting centre's pseudonymous patient reference).
     */
    public synchronized void touchedPatient(String centre, String reference) {
        resources.add("patient/" + centre + "/" + reference);
        scope.add(centre);
    }

    public synchronized void touchedImport(String jobId) {
        resources.add("import/" + jobId);
    }

    /** The centres whose data or requests the call touched. */
    public synchronized void touchedCentre(String centre) {
        scope.add(centre);
    }

    synchronized List<String> resources() {
        return new ArrayList<>(resources);
    }

    synchronized Set<String> scope() {
        return new LinkedHashSet<>(scope);
    }
}
