package org.bloodbridge.http;

import java.time.LocalDate;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.bloodbridge.engine.donor.Donation;
import org.bloodbridge.engine.donor.DonorEntity;
import org.bloodbridge.engine.donor.RecordedDeferral;
import org.bloodbridge.engine.donor.RecordedTestResult;
import org.bloodbridge.engine.identity.DonorIds;
import org.bloodbridge.http.RegistrationInput.Registration;
import org.bloodbridge.http.access.Call;

/**
 * One line of an import: a registration exactly as {@code POST /api/v1/donors} takes it, plus
 * optional {@code registeredOn} and {@code donations}, {@code testResults} and {@code deferrals}
 * read as their own endpoints read them (centre defaulting to the line's).
 */
final class ImportLineInput {
    /** A checked line, for the donor {@code donorId}. */
    record ImportLine(String donorId, Registration registration, LocalDate registeredOn, List<Donation> donations,
            List<RecordedTestResult> testResults, List<RecordedDeferral> deferrals) {

        /** The line's command by {@code subject}, with name and phone {@code sealed} for this donor. */
        DonorEntity.Import command(PersonalData.Sealed sealed, String subject, ActorRef<DonorEntity.Reply> replyTo) {
            return new DonorEntity.Import(registration.centre(), registration.profile(sealed), registration.typing(),
                    registeredOn, donations, testResults, deferrals, subject, replyTo);
        }
    }

    private final RegistrationInput registrationInput;
    private final HistoryInput historyInput;
    private final RequestChecks checks;
    private final DonorIds donorIds;

    ImportLineInput(RegistrationInput registrationInput, HistoryInput historyInput, RequestChecks checks, DonorIds donorIds) {
        this.registrationInput = registrationInput;
        this.historyInput = historyInput;
        this.checks = checks;
        this.donorIds = donorIds;
    }

    /**
     * A line of an import by {@code call}, whose {@code centre} must be one of the caller's (the caller's own when absent).
     *
     * @throws ApiError, {@link org.bloodbridge.engine.InvalidField} or {@link org.bloodbridge.http.access.AccessDenied} naming the field at fault
     */
    ImportLine read(String text, Call call) {
        Fields body = Fields.of(Json.parse(text, "the line"));
        Registration registration = registrationInput.read(body, checks.actingCentre(body, "centre", call));
        String centre = registration.centre();
        return new ImportLine(
                donorIds.donorIdOf(registration.nationalId()),
                registration,
                body.has("registeredOn") ? checks.notAfterToday(body, "registeredOn") : null,
                body.optionalObjects("donations").stream().map(d -> historyInput.donation(d, centre)).toList(),
                body.optionalObjects("testResults").stream().map(t -> historyInput.testResult(t, centre)).toList(),
                body.optionalObjects("deferrals").stream().map(d -> historyInput.deferral(d, centre)).toList());
    }
}
