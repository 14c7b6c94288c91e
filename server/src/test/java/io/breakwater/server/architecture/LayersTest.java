package io.breakwater.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server's layers (docs/architecture.md): {@code api} is the HTTP edge; the domain packages below it raise
 * {@code DomainException}s and never learn that they are served over HTTP.
 */
class LayersTest {

    /** The HTTP edge and the root package, which assembles the server; every other package is domain. */
    private static final String[] EDGE = {"io.breakwater.server.api..", "io.breakwater.server"};

    private static JavaClasses server;

    @BeforeAll
    static void importServer() {
        server = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.breakwater.server");
    }

    @Test
    void noDomainPackageDependsOnTheApiPackage() {
        noClasses().that().resideOutsideOfPackages(EDGE)
                .should().dependOnClassesThat().resideInAPackage("io.breakwater.server.api..")
                .check(server);
    }

    @Test
    void noDomainPackageDependsOnTheHttpFramework() {
        noClasses().that().resideOutsideOfPackages(EDGE)
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "jakarta.servlet..",
                        "org.eclipse.jetty..")
                .check(server);
    }
}
