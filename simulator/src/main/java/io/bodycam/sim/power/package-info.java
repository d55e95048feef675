/** The camera's battery: drain and charge rates per power draw, integrated over virtual time. */
package io.bodycam.sim.power;
