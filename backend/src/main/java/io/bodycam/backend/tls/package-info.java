/** TLS for the embedded backend's servers (broker and evidence server): PEM files, server contexts, and what a client certificate must be. */
package io.bodycam.backend.tls;
