/** The assertion language a scenario is written in: an assertion, its parser, and the catalogue of metrics it may test. */
package io.bodycam.bench.scenario.assertions;
