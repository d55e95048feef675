package io.bodycam.bench.testing;

import io.bodycam.sim.testing.TestBroker;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension that hands a contract class its broker of the {@link BrokerMatrix}: started the
 * first time a class asks for it, shared with every later class of the test run (a RabbitMQ node takes
 * about 15 s to boot), and closed when the run ends. A broker that cannot run here skips the class,
 * with the reason. Register it on a {@code PER_CLASS} test instance:
 *
 * <pre>{@code
 * @RegisterExtension
 * final SharedBroker broker = new SharedBroker(BrokerMatrix.MOSQUITTO);
 * }</pre>
 */
public final class SharedBroker implements BeforeAllCallback {

    private static final ExtensionContext.Namespace BROKERS = ExtensionContext.Namespace.create(SharedBroker.class);

    private final BrokerMatrix kind;
    private TestBroker broker;

    public SharedBroker(BrokerMatrix kind) {
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Optional<String> why = kind.unavailable();
        Assumptions.assumeTrue(why.isEmpty(), () -> why.orElseThrow());
        broker = context.getRoot().getStore(BROKERS).getOrComputeIfAbsent(kind, k -> kind.start(), TestBroker.class);
    }

    /** The running broker; only after the class's {@code @BeforeAll} phase began. */
    public TestBroker get() {
        if (broker == null) {
            throw new IllegalStateException(kind + " is not started: register SharedBroker on a PER_CLASS test instance");
        }
        return broker;
    }
}
