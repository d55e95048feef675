package io.bodycam.reports;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * reports reads the run record only (docs/design.md#module-graph): the engine's classes (simulator,
 * bench, backend) and its libraries (Netty, Paho, Micrometer) must not even be on its classpath, so a
 * dependency that pulls them in fails here.
 */
class ModuleBoundaryTest {

    @ParameterizedTest
    @ValueSource(strings = {"io.bodycam.sim.camera.Camera", "io.bodycam.bench.run.ScenarioRunner",
            "io.bodycam.backend.ReferenceBackend", "io.bodycam.cli.BodycamCli", "io.netty.channel.Channel",
            "org.eclipse.paho.client.mqttv3.MqttClient", "io.micrometer.core.instrument.MeterRegistry"})
    void the_engine_is_not_on_the_reports_classpath(String engineClass) {
        assertThrows(ClassNotFoundException.class, () -> Class.forName(engineClass, false, ModuleBoundaryTest.class.getClassLoader()));
    }
}
