package org.bloodbridge.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEnd;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.patch;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.bloodbridge.engine.donor.Donation;
import org.bloodbridge.engine.donor.DonorDirectory;
import org.bloodbridge.engine.donor.DonorEntity;
import org.bloodbridge.engine.donor.EligibilityShards;
import org.bloodbridge.engine.donor.DonorEvent.ProfileChanges;
import org.bloodbridge.engine.donor.RecordedDeferral;
import org.bloodbridge.engine.donor.RecordedTestResult;
import org.bloodbridge.engine.eligibility.DonationType;
import org.bloodbridge.engine.eligibility.RuleSet;
import org.bloodbridge.engine.identity.DonorIds;
import org.bloodbridge.engine.typing.TypingTables;
import org.bloodbridge.http.RegistrationInput.Registration;
import org.bloodbridge.http.access.Call;
import org.bloodbridge.http.access.Caller;

/**
 * {@code /api/v1/donors}: register, read, look up by ID card, patch, and record donations, test
 * results and deferrals. Everything about the shape of a request is checked here, before the
 * DonorEntity sees it, so a rejected request never writes anything. Domain checks (ID card, DIN,
 * typing) throw {@link org.bloodbridge.engine.InvalidField}, which {@link ErrorHandling} answers
 * with 400 and the field.
 */
final class DonorRoutes {
    private final RequestChecks checks;
    private final DonorIds donorIds;
    private final DonorDirectory directory;
    private final EligibilityShards eligibilityShards;
    private final RuleSet rules;
    private final TypingTables tables;
    private final TypingInput typingInput;
    private final RegistrationInput registrationInput;
    private final HistoryInput historyInput;
    private final PersonalData personalData;

    DonorRoutes(RequestChecks checks, DonorIds donorIds, DonorDirectory directory, EligibilityShards eligibilityShards,
            RuleSet rules, TypingTables tables, RegistrationInput registrationInput, HistoryInput historyInput,
            PersonalData personalData) {
        this.checks = checks;
        this.donorIds = donorIds;
        this.directory = directory;
        this.eligibilityShards = eligibilityShards;
        this.rules = rules;
        this.tables = tables;
        this.typingInput = new TypingInput(tables);
        this.registrationInput = registrationInput;
        this.historyInput = historyInput;
        this.personalData = personalData;
    }

    Route route(Call call) {
        return pathPrefix("donors", () -> concat(
                pathEnd(() -> post(() -> JsonBody.fields(body -> register(body, call)))),
                path("lookup", () -> post(() -> JsonBody.fields(body -> lookup(body, call)))),
                pathPrefix(segment(), donorId -> concat(
                        pathEnd(() -> concat(
                                get(() -> ask(donorId, DonorEntity.Get::new, StatusCodes.OK, call)),
                                patch(() -> JsonBody.fields(body -> update(donorId, body, call))))),
                        path("donations", () -> post(() -> JsonBody.fields(body -> recordDonation(donorId, body, call)))),
                        path("test-results", () -> post(() -> JsonBody.fields(body -> recordTestResult(donorId, body, call)))),
                        path("deferrals", () -> post(() -> JsonBody.fields(body -> recordDeferral(donorId, body, call)))),
                        path("eligibility", () -> get(() -> eligibility(donorId, call)))))));
    }

    private Route register(Fields body, Call call) {
        Registration r = registrationInput.read(body, checks.actingCentre(body, "centre", call));
        String donorId = donorIds.donorIdOf(r.nationalId());
        return onSuccess(personalData.sealForNewDonor(donorId, r.personal()), sealed -> ask(donorId,
                replyTo -> new DonorEntity.Register(r.centre(), r.profile(sealed), r.typing(),
                        call.caller().subject(), replyTo), StatusCodes.CREATED,
                call));
    }

    private Route lookup(Fields body, Call call) {
        String donorId = donorIds.donorIdOf(DonorKeys.nationalId(body));
        return ask(donorId, DonorEntity.Get::new, StatusCodes.OK, call);
    }

    /** By a registry admin of the donor's home centre. */
    private Route update(String donorId, Fields body, Call call) {
        for (String fixed : List.of("nationalId", "idType", "sex", "birthDate")) {
            body.forbid(fixed, fixed + " cannot be changed");
        }
        String centre = checks.actingCentre(body, "centre", call);
        var personal = new PersonalText(body.optionalText("name"), body.optionalText("phone"));
        Integer weightKg = ProfileInput.weight(body);
        var abo = ProfileInput.abo(body);
        var rhD = ProfileInput.rhD(body);
        var typing = typingInput.readChanges(body);
        DonorKeys.wellFormed(donorId);
        CompletionStage<PersonalData.Sealed> sealed = directory.ask(donorId, DonorEntity.Get::new).thenCompose(current -> {
            if (!(current instanceof DonorEntity.Accepted accepted)) {
                throw refusal(current, call.caller());
            }
            call.touchedDonor(donorId, accepted.donor().homeCentre());
            call.requireCentre(accepted.donor().homeCentre(), "the donor's home centre");
            return personalData.seal(donorId, personal);
        });
        return onSuccess(sealed, s -> ask(donorId, replyTo -> new DonorEntity.Update(
                centre, new ProfileChanges(s.name(), s.phone(), weightKg, abo, rhD), typing, call.caller().subject(), replyTo), StatusCodes.OK, call));
    }

    private Route recordDonation(String donorId, Fields body, Call call) {
        Donation donation = historyInput.donation(body, checks.actingCentre(body, "centre", call));
        return ask(donorId, replyTo -> new DonorEntity.RecordDonation(donation, call.caller().subject(), replyTo), StatusCodes.CREATED, call);
    }

    private Route recordTestResult(String donorId, Fields body, Call call) {
        RecordedTestResult result = historyInput.testResult(body, checks.actingCentre(body, "centre", call));
        return ask(donorId, replyTo -> new DonorEntity.RecordTestResult(result, call.caller().subject(), replyTo), StatusCodes.CREATED, call);
    }

    private Route recordDeferral(String donorId, Fields body, Call call) {
        RecordedDeferral deferral = historyInput.deferral(body, checks.actingCentre(body, "centre", call));
        return ask(donorId, replyTo -> new DonorEntity.RecordDeferral(deferral, call.caller().subject(), replyTo), StatusCodes.CREATED, call);
    }

    private Route eligibility(String donorId, Call call) {
        return QueryParams.read(params -> {
            DonationType donationType = params.has("type") ? params.enumValue("type", DonationType.class)
                    : DonationType.WHOLE_BLOOD;
            LocalDate on = params.has("date") ? params.date("date") : checks.today();
            DonorKeys.wellFormed(donorId);
            // The donor's eligibility shard answers if it holds facts for that date; else the entity does.
            CompletionStage<DonorEntity.Reply> answer = eligibilityShards.check(List.of(donorId), donationType, on)
                    .thenCompose(known -> known.containsKey(donorId)
                            ? CompletableFuture.completedFuture(new DonorEntity.Checked(donorId, known.get(donorId)))
                            : directory.ask(donorId, replyTo -> new DonorEntity.CheckEligibility(donationType, on, replyTo)));
            return onSuccess(answer,
                    reply -> complete(StatusCodes.OK, EligibilityView.of(reply, donationType, on, call.caller()), Json.marshaller()));
        });
    }

    /** Asks the donor's entity and answers with the donor as the caller may see it, or the entity's refusal. */
    private Route ask(String donorId, Function<ActorRef<DonorEntity.Reply>, DonorEntity.Command> command, StatusCode ok,
            Call call) {
        DonorKeys.wellFormed(donorId);
        call.touchedDonor(donorId, null);
        CompletionStage<DonorView> view = directory.ask(donorId, command).thenCompose(r -> donorOrError(r, call));
        return onSuccess(view, v -> complete(ok, v, Json.marshaller()));
    }

    private CompletionStage<DonorView> donorOrError(DonorEntity.Reply reply, Call call) {
        if (reply instanceof DonorEntity.Accepted accepted) {
            call.touchedDonor(accepted.donor().donorId(), accepted.donor().homeCentre());
            return personalData.view(accepted.donor(), rules, tables, call.caller());
        }
        return CompletableFuture.failedFuture(refusal(reply, call.caller()));
    }

    /** The API error for an entity's refusal, its reasons as {@code caller} may be told them. */
    static ApiError refusal(DonorEntity.Reply reply, Caller caller) {
        if (reply instanceof DonorEntity.NotRegistered n) {
            return ApiError.notFound("no donor " + n.donorId());
        }
        if (reply instanceof DonorEntity.Rejected r) {
            Map<String, Object> extras = r.error().equals("not_eligible")
                    ? Map.of("donorId", r.donorId(), "reasons", ReasonView.of(r.reasons(), caller))
                    : Map.of("donorId", r.donorId());
            return ApiError.conflict(r.error(), r.message(), extras);
        }
        throw new IllegalStateException("unexpected reply " + reply);
    }
}
