package io.bodycam.bench.api;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a scenario once before a JUnit 5 test class; its tests take the {@link BenchRun} as a parameter.
 * The backend is the scenario's own unless the system properties {@code bodycam.mqtt} and
 * {@code bodycam.upload} name another ({@code mvn verify -Dbodycam.mqtt=tcp://... -Dbodycam.upload=http://...}).
 *
 * <pre>{@code
 * @BodycamScenario(value = "src/test/resources/fleet.yaml", set = "fleet[0].count=20")
 * class MyBackendTest {
 *     @Test
 *     void no_evidence_is_lost(BenchRun run) {
 *         assertEquals(0, run.metric("evidence.lost"));
 *     }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(BodycamExtension.class)
public @interface BodycamScenario {

    /** The scenario file, relative to the working directory (the module's folder under Maven). */
    String value();

    /** Overrides as {@code PATH=VALUE}, as {@code bodycam run --set} takes them. */
    String[] set() default {};

    /** The run folder, relative to the working directory. */
    String out() default "target/bodycam-runs";
}
