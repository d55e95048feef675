/** The camera's GPS receiver: seeded patrol routes, fixes once a virtual second, and lost fixes. */
package io.bodycam.sim.gps;
