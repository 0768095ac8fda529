package org.bloodbridge.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequestEntity;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEnd;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.Directives.withRequestTimeout;
import static org.apache.pekko.http.javadsl.server.Directives.withSizeLimit;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.RequestEntity;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Framing;
import org.apache.pekko.stream.javadsl.FramingTruncation;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.scaladsl.Framing.FramingException;
import org.apache.pekko.util.ByteString;
import org.bloodbridge.engine.donor.DonorDirectory;
import org.bloodbridge.engine.donor.DonorEntity;
import org.bloodbridge.http.access.AccessDenied;
import org.bloodbridge.http.access.Call;
import org.bloodbridge.persistence.metrics.NodeMetrics;
import org.bloodbridge.http.ImportLineInput.ImportLine;
import org.bloodbridge.http.ServerSettings.ImportSettings;

/**
 * {@code POST /api/v1/import} (NDJSON, one donor per line) and {@code GET /api/v1/import/{jobId}}.
 * Each line is read by the same inputs as the single endpoints and written by the same entity
 * (one {@link DonorEntity.Import} per line); at most {@code parallelism} lines are in flight, and
 * the body is read only as fast as lines finish. A bad line is counted and reported, never fatal.
 *
 * <p>The 202 is sent once the whole body has been read (the last lines may still be in flight):
 * answering earlier would make Pekko close the connection and cut the body short, and spooling
 * the body to disk first would write raw national IDs there.
 */
final class ImportRoutes {
    /** The 202 of an upload: the job to ask for the report. */
    record Started(String jobId) {}

    private static final String NDJSON = "application/x-ndjson";

    private final ImportLineInput lineInput;
    private final DonorDirectory directory;
    private final PersonalData personalData;
    private final ActorSystem<?> system;
    private final ImportSettings settings;
    private final Clock clock;
    private final ImportJobs jobs = new ImportJobs();
    /** Lines imported on this node by outcome (their rate is the import's lines per second). */
    private final Counter linesAccepted;
    private final Counter linesRejected;

    ImportRoutes(ImportLineInput lineInput, DonorDirectory directory, PersonalData personalData, ActorSystem<?> system,
            ImportSettings settings, Clock clock) {
        this.lineInput = lineInput;
        this.directory = directory;
        this.personalData = personalData;
        this.system = system;
        this.settings = settings;
        this.clock = clock;
        MeterRegistry registry = NodeMetrics.get(system).registry();
        this.linesAccepted = importedLines(registry, "accepted");
        this.linesRejected = importedLines(registry, "rejected");
    }

    private static Counter importedLines(MeterRegistry registry, String outcome) {
        return Counter.builder("bloodbridge.import.lines").tag("outcome", outcome)
                .description("Import lines handled on this node: accepted (written) or rejected").register(registry);
    }

    Route route(Call call) {
        return pathPrefix("import", () -> concat(
                pathEnd(() -> post(() -> withSizeLimit(settings.maxBytes(), () -> withRequestTimeout(
                        settings.requestTimeout(), () -> extractRequestEntity(entity -> start(entity, call)))))),
                path(segment(), jobId -> get(() -> report(jobId, call)))));
    }

    private Route start(RequestEntity entity, Call call) {
        if (!entity.getContentType().mediaType().value().equals(NDJSON)) {
            throw ApiError.of(StatusCodes.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "the request body must be " + NDJSON + ", one donor per line");
        }
        ImportJob job = jobs.start(clock.instant(), call.caller().centres());
        call.touchedImport(job.id());
        Pair<CompletionStage<Done>, CompletionStage<Done>> run = entity.getDataBytes()
                .via(Framing.delimiter(ByteString.fromString("\n"), settings.maxLineLength(), FramingTruncation.ALLOW))
                .zipWithIndex()
                .watchTermination((mat, bodyRead) -> bodyRead)
                .mapAsync(settings.parallelism(), numbered -> importLine(numbered.first().utf8String(), numbered.second() + 1, job, call))
                .toMat(Sink.ignore(), Keep.both())
                .run(system);
        run.second().whenComplete((done, failure) ->
                job.finished(clock.instant(), failure == null ? null : bodyError(failure).getMessage()));
        CompletionStage<Done> bodyRead = run.first().exceptionally(failure -> {
            throw bodyError(failure);
        });
        return onSuccess(bodyRead, done -> complete(StatusCodes.ACCEPTED, new Started(job.id()), Json.marshaller()));
    }

    private ApiError bodyError(Throwable failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof FramingException
                ? ApiError.invalid(null, "a line is longer than " + settings.maxLineLength() + " bytes")
                : ErrorHandling.apiErrorOf(cause);
    }

    /** One line, numbered from 1; always completes normally, whatever becomes of the line. */
    private CompletionStage<Done> importLine(String text, long lineNumber, ImportJob job, Call call) {
        job.lineRead();
        if (text.isBlank()) {
            return CompletableFuture.completedFuture(Done.getInstance());
        }
        ImportLine line;
        try {
            call.charge(1);
            line = lineInput.read(text, call);
        } catch (RuntimeException e) {
            linesRejected.increment();
            job.rejected(lineNumber, ErrorHandling.apiErrorOf(e));
            return CompletableFuture.completedFuture(Done.getInstance());
        }
        return personalData.sealForNewDonor(line.donorId(), line.registration().personal())
                .thenCompose(sealed -> directory.ask(line.donorId(), replyTo -> line.command(sealed, call.caller().subject(), replyTo)))
                .handle((reply, failure) -> {
                    if (failure == null && reply instanceof DonorEntity.Imported imported) {
                        linesAccepted.increment();
                        job.accepted(imported);
                    } else {
                        linesRejected.increment();
                        job.rejected(lineNumber, ErrorHandling.apiErrorOf(
                                failure != null ? failure : new IllegalStateException("unexpected reply " + reply)));
                    }
                    return Done.getInstance();
                });
    }

    private Route report(String jobId, Call call) {
        ImportJob job = jobs.find(jobId).orElseThrow(() -> ApiError.notFound("no import job " + jobId));
        if (job.centres().stream().noneMatch(call.caller()::actsFor)) {
            throw AccessDenied.forbidden("import job " + jobId + " was started for " + String.join(", ", job.centres()));
        }
        return complete(StatusCodes.OK, job.report(), Json.marshaller());
    }
}
