package io.bodycam.cli;

import io.bodycam.bench.run.Endpoint;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The options that serve something to people while a command runs: the live dashboard
 * ({@code --ui-port}) and the control API ({@code --control-port}), loopback unless bound elsewhere,
 * where a token is required ({@code --token}, or the environment's {@code BODYCAM_TOKEN}).
 */
final class ServeOptions {

    @Option(names = "--ui-port", paramLabel = "PORT", description = "serve the live dashboard at http://127.0.0.1:PORT/")
    Integer uiPort;

    @Option(names = "--ui-bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "the address --ui-port listens on (default: ${DEFAULT-VALUE}; any other needs --token)")
    String uiBind;

    @Option(names = "--control-port", paramLabel = "PORT",
            description = "serve the control API (camera actions; for a run also the fault API of docs/faults.md) at http://127.0.0.1:PORT")
    Integer controlPort;

    @Option(names = "--control-bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "the address --control-port listens on (default: ${DEFAULT-VALUE}; any other needs --token)")
    String controlBind;

    @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:BODYCAM_TOKEN}",
            description = "the token the dashboard and the control API require (16..256 characters; default: $BODYCAM_TOKEN)")
    String token;

    /** Where to serve the dashboard, or null. */
    Endpoint ui() {
        return endpoint("--ui-port", uiPort, "--ui-bind", uiBind);
    }

    /** Where to serve the control API, or null. */
    Endpoint control() {
        return endpoint("--control-port", controlPort, "--control-bind", controlBind);
    }

    private Endpoint endpoint(String portOption, Integer port, String bindOption, String bind) {
        if (port == null) {
            return null;
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(portOption + " must be 0..65535, was " + port);
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(bindOption + ": no such address " + bind);
        }
        String t = token == null || token.isBlank() ? null : token;
        if (t == null && !address.isLoopbackAddress()) {
            throw new IllegalArgumentException(bindOption + " " + bind + " is not a loopback address: give --token (or set BODYCAM_TOKEN)");
        }
        return new Endpoint(address, port, t);
    }
}
