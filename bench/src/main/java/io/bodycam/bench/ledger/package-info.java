/** The evidence ledger check: what the cameras recorded against what the backend holds. */
package io.bodycam.bench.ledger;
