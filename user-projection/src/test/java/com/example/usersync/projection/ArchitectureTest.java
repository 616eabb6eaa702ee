package com.example.usersync.projection;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The package rules of user-projection's main code. */
@AnalyzeClasses(packages = "com.example.usersync.projection", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Every package, the root one and each sub-package on its own (tools.billing apart from tools). */
    @ArchTest
    static final ArchRule packagesHaveNoCycles =
            slices().matching("com.example.usersync.(**)").should().beFreeOfCycles();

    /** Controllers call the class that owns a table; SQL lives there, not in the web layer. */
    @ArchTest
    static final ArchRule controllersNeverTouchJdbc = noClasses()
            .that()
            .areAnnotatedWith(RestController.class)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.springframework.jdbc..", "javax.sql..");
}
