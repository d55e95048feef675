/** The scenario model and its loader: fleet, timeline, faults, backend, assertions, as read from YAML. */
package io.bodycam.bench.scenario;
