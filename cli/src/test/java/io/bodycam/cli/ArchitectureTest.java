package io.bodycam.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The module graph is the architecture (docs/design.md#module-graph): simulator <- bench -> record <-
 * reports, bench -> backend -> simulator, and the CLI on top of all of them. These rules read the
 * compiled main classes of every module (this module's test classpath holds them all) and fail on an
 * arrow that points the wrong way, or on packages of one module that depend on each other in a circle.
 */
class ArchitectureTest {

    private static final String SIMULATOR = "io.bodycam.sim..";
    private static final String RECORD = "io.bodycam.record..";
    private static final String REPORTS = "io.bodycam.reports..";
    private static final String BACKEND = "io.bodycam.backend..";
    private static final String BENCH = "io.bodycam.bench..";
    private static final String CLI = "io.bodycam.cli..";

    /** Main classes only: test classes and the modules' test jars are left out. */
    private static final ImportOption MAIN_ONLY = location -> !location.contains("/test-classes/")
            && !location.matches(Pattern.compile(".*-tests\\.jar.*"));

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(MAIN_ONLY).importPackages("io.bodycam");
    }

    @Test
    void every_module_is_on_the_classpath_read() {
        for (String module : List.of(SIMULATOR, RECORD, REPORTS, BACKEND, BENCH, CLI)) {
            String root = module.substring(0, module.length() - 2);
            assertTrue(classes.stream().anyMatch(c -> c.getPackageName().startsWith(root)),
                    "no class of " + root + " was read: the rules below would hold vacuously");
        }
    }

    @Test
    void record_depends_on_nothing_of_ours() {
        noClasses().that().resideInAPackage(RECORD)
                .should().dependOnClassesThat().resideInAnyPackage(SIMULATOR, REPORTS, BACKEND, BENCH, CLI)
                .because("the run record is read by reports and written by the bench, and knows neither").check(classes);
    }

    @Test
    void reports_read_the_record_only() {
        noClasses().that().resideInAPackage(REPORTS)
                .should().dependOnClassesThat().resideInAnyPackage(SIMULATOR, BACKEND, BENCH, CLI)
                .because("reports never see the live engine").check(classes);
    }

    @Test
    void the_backend_knows_no_bench_and_no_run() {
        noClasses().that().resideInAPackage(BACKEND)
                .should().dependOnClassesThat().resideInAnyPackage(BENCH, CLI, REPORTS, RECORD)
                .because("a backend serves cameras, whoever runs them").check(classes);
    }

    @Test
    void the_bench_builds_no_report_and_no_command_line() {
        noClasses().that().resideInAPackage(BENCH)
                .should().dependOnClassesThat().resideInAnyPackage(REPORTS, CLI)
                .because("the bench writes the run record; what is built from it is the CLI's to ask for").check(classes);
    }

    @Test
    void the_simulator_knows_none_of_the_others() {
        noClasses().that().resideInAPackage(SIMULATOR)
                .should().dependOnClassesThat().resideInAnyPackage(RECORD, REPORTS, BACKEND, BENCH, CLI)
                .because("a camera knows no bench").check(classes);
    }

    static Stream<String> modules() {
        return Stream.of("sim", "record", "reports", "backend", "bench", "cli");
    }

    /**
     * A module's package trees: each package right below the module's root with its subpackages (so an
     * API package and its {@code internal} are one tree), and the root package on its own.
     */
    private static SliceAssignment packageTreesOf(String module) {
        String root = "io.bodycam." + module;
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                String p = c.getPackageName();
                if (p.equals(root)) {
                    return SliceIdentifier.of(root);
                }
                if (!p.startsWith(root + ".")) {
                    return SliceIdentifier.ignore();
                }
                String below = p.substring(root.length() + 1);
                int dot = below.indexOf('.');
                return SliceIdentifier.of(root + "." + (dot < 0 ? below : below.substring(0, dot)));
            }

            @Override
            public String getDescription() {
                return "the package trees of " + root;
            }
        };
    }

    @ParameterizedTest
    @MethodSource("modules")
    void no_two_package_trees_of_a_module_depend_on_each_other(String module) {
        slices().assignedFrom(packageTreesOf(module)).should().beFreeOfCycles().check(classes);
    }
}
