/** The bench reading a foreign evidence store itself after a run, so the ledger's figures are measured from outside. */
package io.bodycam.bench.ledger.store;
