/** The reference backend: the embedded broker and the evidence server together, embedded in a run or on their own. */
package io.bodycam.backend;
