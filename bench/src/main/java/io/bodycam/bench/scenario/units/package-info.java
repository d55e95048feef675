/**
 * Quantities as people write them in scenarios ("1h30m", "64GB", "25Mbit/s"): parsed exactly,
 * refused with a reason and a hint when ambiguous or unit-less, and formatted back for messages.
 */
package io.bodycam.bench.scenario.units;
