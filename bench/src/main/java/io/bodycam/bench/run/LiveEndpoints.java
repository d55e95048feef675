package io.bodycam.bench.run;

import io.bodycam.backend.http.HttpFaults;
import io.bodycam.bench.faults.FaultControlServer;
import io.bodycam.bench.faults.FaultProxies;
import io.bodycam.bench.live.ControlServer;
import io.bodycam.bench.live.LiveFleet;
import io.bodycam.bench.live.LiveServer;

import java.io.PrintWriter;
import java.util.Optional;

/**
 * What a run serves while it goes, when asked: the live dashboard and the control API, both over the
 * same live fleet, each with the fault control API of docs/faults.md (under {@code /faults} on the
 * dashboard, at the root of the control API). Both stop when the run is over.
 */
final class LiveEndpoints implements AutoCloseable {

    private final LiveServer ui;
    private final ControlServer control;

    private LiveEndpoints(LiveServer ui, ControlServer control) {
        this.ui = ui;
        this.control = control;
    }

    /**
     * @param ui      where to serve the dashboard, or null
     * @param control where to serve the control API, or null
     * @param backend the embedded evidence server's faults, or null
     */
    static LiveEndpoints start(LiveFleet fleet, Endpoint ui, Endpoint control, Optional<FaultProxies> proxies,
                               HttpFaults backend, PrintWriter console) {
        LiveServer dashboard = null;
        try {
            if (ui != null) {
                LiveServer.Builder b = LiveServer.builder(fleet).bind(ui.bind()).port(ui.port());
                if (ui.token() != null) {
                    b.token(ui.token());
                }
                proxies.ifPresent(p -> b.mount("/faults", () -> FaultControlServer.handler(p, backend)));
                dashboard = b.start();
                console.println("live dashboard at " + dashboard.uri());
            }
            ControlServer api = null;
            if (control != null) {
                ControlServer.Builder b = ControlServer.builder(fleet).bind(control.bind()).port(control.port());
                if (control.token() != null) {
                    b.token(control.token());
                }
                proxies.ifPresent(p -> b.faults(() -> FaultControlServer.handler(p, backend)));
                api = b.start();
                console.println("control API at " + api.uri() + " (/proxies, /reset, /backend/http, /cameras)");
            }
            console.flush();
            return new LiveEndpoints(dashboard, api);
        } catch (RuntimeException e) {
            if (dashboard != null) {
                dashboard.close();
            }
            throw e;
        }
    }

    @Override
    public void close() {
        if (ui != null) {
            ui.close();
        }
        if (control != null) {
            control.close();
        }
    }
}
