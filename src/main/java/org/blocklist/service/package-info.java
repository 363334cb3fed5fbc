/**
 * The running service: {@link org.blocklist.service.Service#start} opens the store, loads or
 * creates the signing key, verifies the whole history ({@code org.blocklist.ledger.LedgerVerifier})
 * and only then opens the listeners. Start here to see how the packages fit together.
 *
 * <p>The wiring: imports every package it wires (it is the one place that knows the store and the
 * faces together, chooses the system ticker and makes the threads); only {@code cli} imports it.
 */
package org.blocklist.service;
