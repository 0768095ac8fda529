package org.bloodbridge.engine.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The engine's package structure (architecture.md): no cycles between its packages; the pure domain
 * (identity, eligibility, typing, matching, outcome, lookback) free of Pekko and Scala; and the engine at the bottom
 * of the layers, below persistence and http.
 */
@AnalyzeClasses(packages = "org.bloodbridge.engine", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noCyclesBetweenEnginePackages = slices()
            .matching("org.bloodbridge.engine.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theDomainIsPure = noClasses()
            .that().resideInAnyPackage("org.bloodbridge.engine.identity..", "org.bloodbridge.engine.eligibility..",
                    "org.bloodbridge.engine.typing..", "org.bloodbridge.engine.matching..",
                    "org.bloodbridge.engine.outcome..", "org.bloodbridge.engine.lookback..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.pekko..", "scala..")
            .because("the domain is plain Java, tested without an actor system");

    @ArchTest
    static final ArchRule theEngineIsTheBottomLayer = noClasses()
            .that().resideInAPackage("org.bloodbridge.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("org.bloodbridge.persistence..", "org.bloodbridge.http..",
                    "org.bloodbridge.bench..")
            .because("http -> persistence -> engine: the engine knows neither Cassandra nor HTTP");
}
