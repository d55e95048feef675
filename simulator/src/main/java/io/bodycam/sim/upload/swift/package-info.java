/** Evidence upload to OpenStack Swift content destinations as the Axis Body Worn Integration API uses them. */
package io.bodycam.sim.upload.swift;
