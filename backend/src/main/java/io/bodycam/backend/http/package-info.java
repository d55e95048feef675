/** The evidence server: tus uploads, time, device config, firmware, and the ledger of what it holds. */
package io.bodycam.backend.http;
