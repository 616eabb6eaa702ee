package com.example.usersync.command;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.persistence.EntityManager;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.RestController;

import java.util.stream.Stream;
import javax.sql.DataSource;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The user service's package rules: feature packages without cycles, the aggregate's internals package-private, controllers without SQL. */
@AnalyzeClasses(packages = "com.example.usersync.command", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule feature_packages_are_free_of_cycles =
            slices().matching("com.example.usersync.command.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule the_aggregate_is_package_private =
            classes().that().areAnnotatedWith(Aggregate.class).should().notBePublic();

    @ArchTest
    static final ArchRule command_and_event_sourcing_handlers_are_package_private = codeUnits()
            .that()
            .areAnnotatedWith(CommandHandler.class)
            .or()
            .areAnnotatedWith(EventSourcingHandler.class)
            .should()
            .notBePublic();

    @ArchTest
    static final ArchRule commands_are_public_only_when_another_package_sends_them = classes()
            .that(DescribedPredicate.describe("are commands to an aggregate", ArchitectureTest::isCommand))
            .and()
            .arePublic()
            .should(beUsedFromAnotherPackage());

    @ArchTest
    static final ArchRule controllers_never_touch_the_database_directly = noClasses()
            .that()
            .areAnnotatedWith(RestController.class)
            .should()
            .dependOnClassesThat(assignableTo(JdbcOperations.class)
                    .or(assignableTo(NamedParameterJdbcOperations.class))
                    .or(assignableTo(JdbcClient.class))
                    .or(assignableTo(DataSource.class))
                    .or(assignableTo(EntityManager.class)));

    /** Spring's own keys (spring.application.name) may come as @Value; this service's settings come from their record tree. */
    @ArchTest
    static final ArchRule settings_come_from_the_settings_tree_not_from_value = codeUnits()
            .should(new ArchCondition<>("read no user-sync setting with @Value (inject UserCommandSettings)") {
                @Override
                public void check(JavaCodeUnit codeUnit, ConditionEvents events) {
                    codeUnit.getParameters().stream()
                            .filter(parameter -> parameter.isAnnotatedWith(Value.class))
                            .filter(parameter -> parameter
                                    .getAnnotationOfType(Value.class)
                                    .value()
                                    .contains("user-sync."))
                            .forEach(parameter -> events.add(SimpleConditionEvent.violated(
                                    codeUnit,
                                    codeUnit.getFullName() + " reads "
                                            + parameter
                                                    .getAnnotationOfType(Value.class)
                                                    .value())));
                }
            })
            .andShould(
                    new ArchCondition<>(
                            "not be scheduled by a user-sync placeholder (configure the task from the settings tree)") {
                        @Override
                        public void check(JavaCodeUnit codeUnit, ConditionEvents events) {
                            if (codeUnit.isAnnotatedWith(Scheduled.class)
                                    && Stream.of(codeUnit.getAnnotationOfType(Scheduled.class))
                                            .flatMap(scheduled -> Stream.of(
                                                    scheduled.cron(),
                                                    scheduled.fixedDelayString(),
                                                    scheduled.fixedRateString(),
                                                    scheduled.initialDelayString()))
                                            .anyMatch(value -> value.contains("user-sync."))) {
                                events.add(SimpleConditionEvent.violated(
                                        codeUnit, codeUnit.getFullName() + " is scheduled by a user-sync placeholder"));
                            }
                        }
                    });

    @ArchTest
    static final ArchRule no_field_reads_a_setting_with_value =
            noFields().should().beAnnotatedWith(Value.class);

    private static boolean isCommand(JavaClass type) {
        return type.getFields().stream().anyMatch(field -> field.isAnnotatedWith(TargetAggregateIdentifier.class))
                || type.getMethods().stream()
                        .anyMatch(method -> method.isAnnotatedWith(TargetAggregateIdentifier.class));
    }

    /** A public class no other package refers to could be package-private. */
    private static ArchCondition<JavaClass> beUsedFromAnotherPackage() {
        return new ArchCondition<>("be used from another package") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                boolean usedOutside = type.getDirectDependenciesToSelf().stream()
                        .anyMatch(dependency ->
                                !dependency.getOriginClass().getPackageName().equals(type.getPackageName()));
                if (!usedOutside) {
                    events.add(SimpleConditionEvent.violated(
                            type, type.getName() + " is public but only used in its own package"));
                }
            }
        };
    }
}
