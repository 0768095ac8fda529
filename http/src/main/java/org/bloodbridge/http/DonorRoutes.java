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
import org.bloodbridge.engine.donor.DonorEvent.ProfileChanges;
import org.bloodbridge.engine.donor.RecordedDeferral;
import org.bloodbridge.engine.donor.RecordedTestResult;
import org.bloodbridge.engine.eligibility.DonationType;
import org.bloodbridge.engine.eligibility.RuleSet;
import org.bloodbridge.engine.identity.DonorIds;
import org.bloodbridge.engine.typing.TypingTables;
import org.bloodbridge.http.RegistrationInput.Registration;

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
    private final RuleSet rules;
    private final TypingTables tables;
    private final TypingInput typingInput;
    private final RegistrationInput registrationInput;
    private final HistoryInput historyInput;
    private final PersonalData personalData;

    DonorRoutes(RequestChecks checks, DonorIds donorIds, DonorDirectory directory, RuleSet rules, TypingTables tables,
            RegistrationInput registrationInput, HistoryInput historyInput, PersonalData personalData) {
        this.checks = checks;
        this.donorIds = donorIds;
        this.directory = directory;
        this.rules = rules;
        this.tables = tables;
        this.typingInput = new TypingInput(tables);
        this.registrationInput = registrationInput;
        this.historyInput = historyInput;
        this.personalData = personalData;
    }

    Route route() {
        return pathPrefix("donors", () -> concat(
                pathEnd(() -> post(() -> JsonBody.fields(this::register))),
                path("lookup", () -> post(() -> JsonBody.fields(this::lookup))),
                pathPrefix(segment(), donorId -> concat(
                        pathEnd(() -> concat(
                                get(() -> ask(donorId, DonorEntity.Get::new, StatusCodes.OK)),
                                patch(() -> JsonBody.fields(body -> update(donorId, body))))),
                        path("donations", () -> post(() -> JsonBody.fields(body -> recordDonation(donorId, body)))),
                        path("test-results", () -> post(() -> JsonBody.fields(body -> recordTestResult(donorId, body)))),
                        path("deferrals", () -> post(() -> JsonBody.fields(body -> recordDeferral(donorId, body)))),
                        path("eligibility", () -> get(() -> eligibility(donorId)))))));
    }

    private Route register(Fields body) {
        Registration r = registrationInput.read(body);
        String donorId = donorIds.donorIdOf(r.nationalId());
        return onSuccess(personalData.seal(donorId, r.personal()), sealed -> ask(donorId,
                replyTo -> new DonorEntity.Register(r.centre(), r.profile(sealed), r.typing(), replyTo), StatusCodes.CREATED));
    }

    private Route lookup(Fields body) {
        String donorId = donorIds.donorIdOf(DonorKeys.nationalId(body));
        return ask(donorId, DonorEntity.Get::new, StatusCodes.OK);
    }

    private Route update(String donorId, Fields body) {
        for (String fixed : List.of("nationalId", "idType", "sex", "birthDate")) {
            body.forbid(fixed, fixed + " cannot be changed");
        }
        String centre = body.has("centre") ? checks.centre(body, "centre") : null;
        var personal = new PersonalText(body.optionalText("name"), body.optionalText("phone"));
        Integer weightKg = ProfileInput.weight(body);
        var abo = ProfileInput.abo(body);
        var rhD = ProfileInput.rhD(body);
        var typing = typingInput.readChanges(body);
        DonorKeys.wellFormed(donorId);
        return onSuccess(personalData.seal(donorId, personal), sealed -> ask(donorId, replyTo -> new DonorEntity.Update(
                centre, new ProfileChanges(sealed.name(), sealed.phone(), weightKg, abo, rhD), typing, replyTo), StatusCodes.OK));
    }

    private Route recordDonation(String donorId, Fields body) {
        Donation donation = historyInput.donation(body, null);
        return ask(donorId, replyTo -> new DonorEntity.RecordDonation(donation, replyTo), StatusCodes.CREATED);
    }

    private Route recordTestResult(String donorId, Fields body) {
        RecordedTestResult result = historyInput.testResult(body, null);
        return ask(donorId, replyTo -> new DonorEntity.RecordTestResult(result, replyTo), StatusCodes.CREATED);
    }

    private Route recordDeferral(String donorId, Fields body) {
        RecordedDeferral deferral = historyInput.deferral(body, null);
        return ask(donorId, replyTo -> new DonorEntity.RecordDeferral(deferral, replyTo), StatusCodes.CREATED);
    }

    private Route eligibility(String donorId) {
        return QueryParams.read(params -> {
            DonationType donationType = params.has("type") ? params.enumValue("type", DonationType.class)
                    : DonationType.WHOLE_BLOOD;
            LocalDate on = params.has("date") ? params.date("date") : checks.today();
            DonorKeys.wellFormed(donorId);
            return onSuccess(directory.ask(donorId, replyTo -> new DonorEntity.CheckEligibility(donationType, on, replyTo)),
                    reply -> complete(StatusCodes.OK, EligibilityView.of(reply, donationType, on), Json.marshaller()));
        });
    }

    /** Asks the donor's entity and answers with the donor, or the entity's refusal. */
    private Route ask(String donorId, Function<ActorRef<DonorEntity.Reply>, DonorEntity.Command> command, StatusCode ok) {
        DonorKeys.wellFormed(donorId);
        CompletionStage<DonorView> view = directory.ask(donorId, command).thenCompose(this::donorOrError);
        return onSuccess(view, v -> complete(ok, v, Json.marshaller()));
    }

    private CompletionStage<DonorView> donorOrError(DonorEntity.Reply reply) {
        if (reply instanceof DonorEntity.Accepted accepted) {
            return personalData.view(accepted.donor(), rules, tables);
        }
        return CompletableFuture.failedFuture(refusal(reply));
    }

    /** The API error for an entity's refusal. */
    static ApiError refusal(DonorEntity.Reply reply) {
        if (reply instanceof DonorEntity.NotRegistered n) {
            return ApiError.notFound("no donor " + n.donorId());
        }
        if (reply instanceof DonorEntity.Rejected r) {
            Map<String, Object> extras = r.error().equals("not_eligible")
                    ? Map.of("donorId", r.donorId(), "reasons", r.reasons())
                    : Map.of("donorId", r.donorId());
            return ApiError.conflict(r.error(), r.message(), extras);
        }
        throw new IllegalStateException("unexpected reply " + reply);
    }
}
