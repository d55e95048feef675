/** The conformance kit: numbered cases, each tied to contract clauses, that judge a backend one rule at a time (bodycam conform). */
package io.bodycam.bench.conform;
