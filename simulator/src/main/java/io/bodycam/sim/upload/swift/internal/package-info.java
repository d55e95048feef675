/** The Swift client's insides: the account's state, the API's requests and one clip's upload. */
package io.bodycam.sim.upload.swift.internal;
