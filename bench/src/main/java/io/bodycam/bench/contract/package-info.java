/** The device contract's machine-readable specs (AsyncAPI, OpenAPI) generated for each device profile. */
package io.bodycam.bench.contract;
