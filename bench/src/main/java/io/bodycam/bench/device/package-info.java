/** Cameras in a developer's hand ({@code bodycam device}): the session, and the steps a console or a script gives it. */
package io.bodycam.bench.device;
