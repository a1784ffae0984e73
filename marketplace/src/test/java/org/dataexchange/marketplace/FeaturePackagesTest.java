package org.dataexchange.marketplace;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.http.annotation.Controller;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The package rules of the house guide that the compiler does not check, on the marketplace's compiled classes (not
 * its tests, nor the classes Micronaut generates next to them, whose names start with {@code $}):
 * <ul>
 *   <li>no cycle between feature packages ({@code org.dataexchange.marketplace.<feature>}): no feature depends on a
 *       package that depends back on it;</li>
 *   <li>a feature's internals stay inside it: its controllers (its HTTP surface) and its repositories (its tables) are
 *       used by no other package, which asks the feature's services instead;</li>
 *   <li>domain code holds no HTTP types: only controllers, the request filters and the security adapters use
 *       {@code io.micronaut.http}.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeaturePackagesTest {

    private static final String ROOT = "org.dataexchange.marketplace";

    private JavaClasses marketplace;

    @BeforeAll
    void importClasses() {
        Pattern generated = Pattern.compile(".*/\\$[^/]*\\.class$");
        marketplace = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.matches(generated))
                .importPackages(ROOT);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching(ROOT + ".(*)..").namingSlices("$1").should().beFreeOfCycles().check(marketplace);
    }

    @Test
    void controllersAreUsedOnlyInTheirOwnPackage() {
        classes().that().areAnnotatedWith(Controller.class).should(beUsedOnlyInTheirOwnPackage()).check(marketplace);
    }

    /*
     * Repositories are a feature's internals: no other package uses them (most are package-private, which the compiler
     * checks; public ones are public only for Micronaut). A feature that others read or change publishes a service for
     * it (OrderBook, SettlementQueue, Subscriptions, OrganisationDirectory, MeteredAccess...).
     */
    @Test
    void everyFeaturesTablesAreItsOwn() {
        classes().that().areAnnotatedWith(JdbcRepository.class)
                .should(beUsedOnlyInTheirOwnPackage()).check(marketplace);
    }

    /*
     * Domain code knows no HTTP: only controllers, the request filters and the problem handler (packages request, store,
     * problem, and the root's ConfirmedWrites) and the two adapters Micronaut Security calls with the HTTP request
     * (sign-in and token checks) touch io.micronaut.http. A refusal is an ApiProblem with a ProblemType, mapped to a
     * status by the problem handler alone.
     */
    @Test
    void domainCodeHoldsNoHttpTypes() {
        noClasses().that().resideInAPackage(ROOT + ".*..")
                .and().resideOutsideOfPackages(ROOT + ".request..", ROOT + ".store..", ROOT + ".problem..")
                .and(notAController())
                .and(DescribedPredicate.describe("are not the security adapters", c -> !c.getName().equals(ROOT + ".account.LoginAuthentication")
                        && !c.getName().equals(ROOT + ".account.VerifiedTokens")))
                .should().dependOnClassesThat().resideInAPackage("io.micronaut.http..")
                .check(marketplace);
    }

    /** A controller, or a type nested in one (its request bodies). */
    private static DescribedPredicate<JavaClass> notAController() {
        return DescribedPredicate.describe("are not controllers", c -> !isController(c));
    }

    private static boolean isController(JavaClass c) {
        for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
            if (k.isAnnotatedWith(Controller.class) || k.getSimpleName().endsWith("Controller")) {
                return true;
            }
        }
        return false;
    }

    private static ArchCondition<JavaClass> beUsedOnlyInTheirOwnPackage() {
        return new ArchCondition<>("be used only in their own package") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                for (Dependency d : item.getDirectDependenciesToSelf()) {
                    JavaClass user = d.getOriginClass();
                    if (!user.getPackageName().equals(item.getPackageName())) {
                        events.add(SimpleConditionEvent.violated(item, d.getDescription()));
                    }
                }
            }
        };
    }
}
