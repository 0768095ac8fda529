package org.bloodbridge.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.delete;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.bloodbridge.engine.donor.DonorDirectory;
import org.bloodbridge.engine.donor.DonorEntity;
import org.bloodbridge.http.access.Call;

/**
 * {@code DELETE /api/v1/donors/{donorId}/personal-data} -> 204: crypto-erasure of the donor's name
 * and phone. The donor's state drops them (so later snapshots hold none), then the donor's key is
 * destroyed, which makes every copy in the journal and earlier snapshots unreadable. The
 * pseudonymous record, its history and its eligibility stay. Repeating the call is harmless.
 *
 * <p>In this order, a PATCH racing the erasure cannot leave readable text behind: whatever it
 * sealed before the key is destroyed used that key. Were the key destroyed first, a PATCH in
 * between could create a new key and land its text before the erasure event.
 */
final class PersonalDataRoutes {
    private final DonorDirectory directory;
    private final PersonalData personalData;

    PersonalDataRoutes(DonorDirectory directory, PersonalData personalData) {
        this.directory = directory;
        this.personalData = personalData;
    }

    Route route(Call call) {
        return path(segment("donors").slash(segment()).slash("personal-data"), donorId -> delete(() -> erase(donorId, call)));
    }

    /** By a registry admin (the rights table) of the donor's home centre. */
    private Route erase(String donorId, Call call) {
        DonorKeys.wellFormed(donorId);
        CompletionStage<Done> erased = directory.ask(donorId, DonorEntity.Get::new)
                .thenCompose(current -> {
                    if (!(current instanceof DonorEntity.Accepted accepted)) {
                        throw DonorRoutes.refusal(current, call.caller());
                    }
                    String home = accepted.donor().homeCentre();
                    call.touchedDonor(donorId, home);
                    call.requireCentre(home, "the donor's home centre");
                    return directory.ask(donorId, replyTo -> new DonorEntity.ErasePersonalData(home, call.caller().subject(), replyTo));
                })
                .thenCompose(reply -> reply instanceof DonorEntity.Accepted
                        ? personalData.destroyKey(donorId)
                        : CompletableFuture.failedFuture(DonorRoutes.refusal(reply, call.caller())));
        return onSuccess(erased, done -> complete(StatusCodes.NO_CONTENT));
    }
}
