/** Firmware as the contract ships it: versions, offers, Ed25519-signed manifests and the key a camera trusts. */
package io.bodycam.sim.firmware;
