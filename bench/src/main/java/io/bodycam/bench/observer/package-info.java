/** The fleet observer: an independent MQTT client that tracks every camera and sends commands. */
package io.bodycam.bench.observer;
