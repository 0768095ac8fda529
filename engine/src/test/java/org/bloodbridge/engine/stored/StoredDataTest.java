package org.bloodbridge.engine.stored;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.bloodbridge.engine.donor.DonorEvent;
import org.bloodbridge.engine.donor.Profile;
import org.bloodbridge.engine.donor.SealedText;
import org.bloodbridge.engine.donor.Typing;
import org.bloodbridge.engine.identity.IdType;
import org.bloodbridge.engine.identity.Sex;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Events and snapshots written by an earlier version still read back. {@code serialized-v1/} holds
 * {@link StoredSamples} as serialized before the issue-12 package moves (serializer id, manifest
 * and bytes, exactly what the journal stores); each must deserialize to the sample as built today.
 * <p>
 * To write a new generation (never overwrite an old one):
 * {@code mvn -pl engine test -Dtest=StoredDataTest -Dbloodbridge.writeSerialized=engine/src/test/resources/serialized-vN}
 */
class StoredDataTest {
    private static final String V1 = "/serialized-v1/";
    private static final ActorTestKit testKit = ActorTestKit.create("stored",
            ConfigFactory.parseResources("serialization.conf").withFallback(ConfigFactory.load()));
    private static final Serialization serialization = SerializationExtension.get(testKit.system().classicSystem());

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    /** One line of {@code index.tsv}: file name, serializer id, manifest. */
    private record Stored(String name, int serializerId, String manifest) {}

    private static List<Stored> index(String generation) {
        List<Stored> stored = new ArrayList<>();
        for (String line : new String(resource(generation + "index.tsv"), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] f = line.split("\t");
                stored.add(new Stored(f[0], Integer.parseInt(f[1]), f[2]));
            }
        }
        return stored;
    }

    private static byte[] resource(String path) {
        try (InputStream in = StoredDataTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object read(String generation, Stored s) {
        return serialization.deserialize(resource(generation + s.name() + ".cbor"), s.serializerId(), s.manifest()).get();
    }

    @Test
    void everyV1EventAndSnapshotReadsBackAsItWasWritten() {
        Map<String, Object> samples = StoredSamples.all();
        List<Stored> stored = index(V1);
        assertEquals(samples.keySet(), stored.stream().map(Stored::name).collect(java.util.stream.Collectors.toSet()));
        for (Stored s : stored) {
            assertEquals(samples.get(s.name()), read(V1, s), s.name());
        }
    }

    @Test
    void v1FieldsReadAsTheirCurrentTypes() {
        Map<String, Stored> byName = new java.util.HashMap<>();
        index(V1).forEach(s -> byName.put(s.name(), s));

        var registered = assertInstanceOf(org.bloodbridge.engine.donor.DonorEvent.Registered.class,
                read(V1, byName.get("donor-registered")));
        assertEquals(StoredSamples.PROFILE.abo(), registered.profile().abo());
        assertEquals(StoredSamples.PROFILE.rhD(), registered.profile().rhD());
        assertEquals(List.of("A*02:01", "A*24:02"), registered.typing().hla().get("A"));
        // Name and phone were plain strings in v1: legacy values, shown as they are, no ciphertext.
        assertTrue(registered.profile().name().isLegacy());
        assertEquals("Li Na", registered.profile().name().plain());
        assertEquals("+86 138 0000 0000", registered.profile().phone().plain());
        assertNull(registered.profile().name().ciphertext());

        var updated = assertInstanceOf(org.bloodbridge.engine.donor.DonorEvent.Updated.class,
                read(V1, byName.get("donor-updated")));
        assertEquals(60, updated.profile().weightKg());
        assertEquals("Li Na", updated.profile().name().plain());
        assertNull(updated.profile().phone(), "a name-only PATCH leaves phone unchanged (null)");
        assertEquals("O", String.valueOf(updated.profile().abo()));
        assertEquals("POS", String.valueOf(updated.profile().rhD()));

        var snapshot = assertInstanceOf(org.bloodbridge.engine.donor.DonorEntity.State.class,
                read(V1, byName.get("donor-snapshot")));
        assertEquals("AB", String.valueOf(snapshot.donor().profile().abo()));
        assertEquals("NEG", String.valueOf(snapshot.donor().profile().rhD()));
        assertEquals("req-0001", snapshot.donor().reservation().requestId());
        assertEquals(SealedText.legacy("Li Na"), snapshot.donor().profile().name());

        var created = assertInstanceOf(org.bloodbridge.engine.request.MatchRequestEvent.Created.class,
                read(V1, byName.get("request-created")));
        assertEquals("A", String.valueOf(created.criteria().patient().abo()));
        assertEquals("PLATELETS_APHERESIS", created.criteria().product().name());
        assertEquals(List.of("A24"), created.candidates().get(0).mismatched());
        // Before antibody strength: antibodies by name only, candidates without dsaMfi.
        assertEquals(List.of("A24"), created.criteria().patient().hlaAntibodies());
        assertEquals(List.of(), created.criteria().patient().hlaAntibodyMfi());
        assertEquals(0, created.candidates().get(0).dsaMfi());
        assertFalse(created.candidates().get(0).dsaWarning());
        assertEquals(List.of(), created.candidates().get(0).dsaAntibodies());

        var request = assertInstanceOf(org.bloodbridge.engine.request.MatchRequestEntity.State.class,
                read(V1, byName.get("request-snapshot")));
        assertEquals("ALLOCATED", request.request().status().name());
        assertFalse(request.request().allocations().isEmpty());
    }

    /** What this version writes (sealed name and phone, the erasure event) reads back as it was. */
    @Test
    void sealedPersonalDataAndErasureRoundTrip() {
        SealedText name = SealedText.sealed(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, new byte[] {-1, 0, 42});
        var profile = new Profile(IdType.CN_RIC, name, null, Sex.F, java.time.LocalDate.of(1990, 5, 1), 55, null, null);
        var registered = new DonorEvent.Registered(StoredSamples.DONOR, "CD", "CD", StoredSamples.AT, profile,
                StoredSamples.TYPING, null);
        var erased = new DonorEvent.PersonalDataErased(StoredSamples.DONOR, "CD", "CD", StoredSamples.AT, null);
        var changes = new DonorEvent.Updated(StoredSamples.DONOR, "CD", "CQ", StoredSamples.AT,
                new DonorEvent.ProfileChanges(null, name, null, null, null), new Typing.TypingChanges(null, null, null), null);
        for (Object value : List.of(registered, erased, changes)) {
            byte[] bytes = serialization.serialize(value).get();
            Serializer serializer = serialization.findSerializerFor(value);
            Object back = serialization.deserialize(bytes, serializer.identifier(),
                    Serializers.manifestFor(serializer, value)).get();
            assertEquals(value, back);
        }
        assertFalse(((DonorEvent.Registered) registered).profile().name().isLegacy());
    }

    /** A request with antibodies given with an MFI (one by name only: a null MFI) and its dsaMfi candidates reads back. */
    @Test
    void antibodyStrengthRoundTrips() {
        var patient = new org.bloodbridge.engine.query.Patient("P-78", Sex.F, null, null, Map.of("A", List.of("A2")),
                List.of("B7", "A1", "Bw4"), List.of(), List.of(), List.of(), java.util.Arrays.asList(6400, null, 1200));
        var criteria = new org.bloodbridge.engine.query.MatchCriteria("CD", null,
                org.bloodbridge.engine.query.Product.PLATELETS_APHERESIS, 1, org.bloodbridge.engine.query.Urgency.EMERGENCY,
                java.time.LocalDate.of(2026, 3, 3), patient, 20, 2000);
        var candidate = new org.bloodbridge.engine.request.Candidate(1, StoredSamples.DONOR, "CD", "A", List.of("A2"),
                List.of(), List.of(), "IDENTICAL", false, false, java.time.LocalDate.of(2026, 3, 1),
                org.bloodbridge.engine.request.CandidateState.PROPOSED, 1200, false, List.of("Bw4"));
        var created = new org.bloodbridge.engine.request.MatchRequestEvent.Created("req-0003", "CD", StoredSamples.AT,
                criteria, List.of(candidate), List.of("CD"), List.of(), null);
        byte[] bytes = serialization.serialize(created).get();
        Serializer serializer = serialization.findSerializerFor(created);
        Object back = serialization.deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, created)).get();
        assertEquals(created, back);
    }

    /** An outcome, and a request created with the patient's earlier outcomes and a remembered candidate, read back. */
    @Test
    void transfusionOutcomesRoundTrip() {
        var outcome = new org.bloodbridge.engine.outcome.TransfusionOutcome(StoredSamples.REQUEST, StoredSamples.DONOR,
                StoredSamples.AT, 10, 15.5, 1, 3.0, 2.0, 160.0, 90.0, null, 3_667, "A", "IDENTICAL", true, true);
        var recorded = new org.bloodbridge.engine.request.MatchRequestEvent.OutcomeRecorded(StoredSamples.REQUEST, "CD",
                StoredSamples.AT, outcome, "1 h count", "u-cd");
        var candidate = new org.bloodbridge.engine.request.Candidate(1, StoredSamples.DONOR, "CD", "A", List.of("A2"),
                List.of(), List.of(), "IDENTICAL", false, false, java.time.LocalDate.of(2026, 3, 1),
                org.bloodbridge.engine.request.CandidateState.PROPOSED, 0, false, List.of(),
                new org.bloodbridge.engine.request.EarlierCci(3_667, StoredSamples.AT, 1, StoredSamples.REQUEST), true);
        var created = new org.bloodbridge.engine.request.MatchRequestEvent.Created("req-0004", "CD", StoredSamples.AT,
                StoredSamples.CRITERIA, List.of(candidate), List.of("CD"), List.of(), "u-cd", List.of(outcome));
        for (Object event : List.of(recorded, created)) {
            byte[] bytes = serialization.serialize(event).get();
            Serializer serializer = serialization.findSerializerFor(event);
            assertEquals(event, serialization.deserialize(bytes, serializer.identifier(),
                    Serializers.manifestFor(serializer, event)).get());
        }
    }

    /** Writes the samples as the code serializes them now; run only when asked (see the class comment). */
    @Test
    @EnabledIfSystemProperty(named = "bloodbridge.writeSerialized", matches = ".+")
    void writeGeneration() throws IOException {
        Path dir = Path.of(System.getProperty("bloodbridge.writeSerialized"));
        Files.createDirectories(dir);
        StringBuilder index = new StringBuilder("# file\tserializer id\tmanifest (as the journal stores them)\n");
        for (var sample : StoredSamples.all().entrySet()) {
            Serializer serializer = serialization.findSerializerFor(sample.getValue());
            String manifest = Serializers.manifestFor(serializer, sample.getValue());
            Files.write(dir.resolve(sample.getKey() + ".cbor"), serialization.serialize(sample.getValue()).get());
            index.append(sample.getKey()).append('\t').append(serializer.identifier()).append('\t').append(manifest).append('\n');
        }
        Files.writeString(dir.resolve("index.tsv"), index);
    }
}
