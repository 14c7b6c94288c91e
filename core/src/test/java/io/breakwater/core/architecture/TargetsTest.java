package io.breakwater.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each target is one package that imports no other target (docs/architecture.md). The one exception is by design:
 * {@code nsxantrea} realizes NSX DFW policies as Antrea objects, so it reads both {@code nsx} and {@code antrea}
 * and nothing imports it back.
 */
class TargetsTest {

    private static final String[] TARGETS = {"nsx", "antrea", "contrail", "nsxantrea"};

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.breakwater.core");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nsx", "antrea", "contrail"})
    void aTargetImportsNoOtherTarget(String target) {
        noClasses().that().resideInAPackage(pkg(target))
                .should().dependOnClassesThat().resideInAnyPackage(
                        Arrays.stream(TARGETS).filter(t -> !t.equals(target)).map(TargetsTest::pkg).toArray(String[]::new))
                .check(core);
    }

    @ParameterizedTest
    @ValueSource(strings = {"problem", "net", "read", "k8s", "normalize", "eval"})
    void theModelImportsNoTarget(String model) {
        noClasses().that().resideInAPackage(pkg(model))
                .should().dependOnClassesThat().resideInAnyPackage(
                        Arrays.stream(TARGETS).map(TargetsTest::pkg).toArray(String[]::new))
                .check(core);
    }

    private static String pkg(String name) {
        return "io.breakwater.core." + name + "..";
    }
}
