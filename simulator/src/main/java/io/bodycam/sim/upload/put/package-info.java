/** Evidence upload to a plain web server: each segment whole by PUT or POST to a URL made from it. */
package io.bodycam.sim.upload.put;
