/** The stable Java entry point for a vendor's own tests: run a scenario or the conformance kit against a backend, read a typed result. */
package io.bodycam.bench.api;
