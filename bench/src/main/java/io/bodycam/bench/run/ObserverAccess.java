package io.bodycam.bench.run;

import io.bodycam.bench.observer.FleetObserver;
import io.bodycam.bench.pki.ClientTls;
import io.bodycam.bench.pki.PkiLayout;
import io.bodycam.bench.scenario.Backend;
import io.bodycam.bench.scenario.BackendTls;
import io.bodycam.bench.scenario.DeviceTemplates;

import java.util.Objects;

/**
 * The observer's credentials for a scenario's broker: the backend's user name and password
 * ({@code {deviceId}} read as {@value PkiLayout#OBSERVER_CN}), and for {@code mqtts://} the backend's trust
 * with the observer's own certificate from the pki layout.
 */
final class ObserverAccess {

    private ObserverAccess() {
    }

    static void give(FleetObserver observer, Backend backend) {
        String user = backend.username() == null ? null : DeviceTemplates.fill(backend.username(), PkiLayout.OBSERVER_CN);
        String pass = backend.password() == null ? null : DeviceTemplates.fill(backend.password(), PkiLayout.OBSERVER_CN);
        if (!backend.mqttTls()) {
            observer.access(user, pass, null, true);
            return;
        }
        BackendTls tls = Objects.requireNonNullElse(backend.tls(), new BackendTls(null, null, true));
        observer.access(user, pass, new ClientTls(tls).observerSocketFactory(), tls.verifyHostname());
    }
}
