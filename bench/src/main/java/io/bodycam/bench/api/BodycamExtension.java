package io.bodycam.bench.api;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.net.URI;
import java.nio.file.Path;

/** The JUnit 5 extension behind {@link BodycamScenario}: one run per test class, shared by its tests. */
public final class BodycamExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BodycamExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> test = context.getRequiredTestClass();
        BodycamScenario spec = test.getAnnotation(BodycamScenario.class);
        if (spec == null) {
            throw new ExtensionConfigurationException(test.getName() + " needs @BodycamScenario to name its scenario");
        }
        Bench bench = Bench.scenario(Path.of(spec.value())).out(Path.of(spec.out(), test.getSimpleName()));
        for (String s : spec.set()) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new ExtensionConfigurationException("@BodycamScenario set takes PATH=VALUE, was '" + s + "'");
            }
            bench.set(s.substring(0, eq).strip(), s.substring(eq + 1).strip());
        }
        String mqtt = System.getProperty("bodycam.mqtt");
        String upload = System.getProperty("bodycam.upload");
        if ((mqtt == null) != (upload == null)) {
            throw new ExtensionConfigurationException("set both bodycam.mqtt and bodycam.upload, or neither");
        }
        if (mqtt != null) {
            bench.against(URI.create(mqtt), URI.create(upload));
        }
        context.getStore(NAMESPACE).put(BenchRun.class, bench.run());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == BenchRun.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            BenchRun run = c.getStore(NAMESPACE).get(BenchRun.class, BenchRun.class);
            if (run != null) {
                return run;
            }
        }
        throw new ExtensionConfigurationException("no run: the class's @BodycamScenario did not run");
    }
}
