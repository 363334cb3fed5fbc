/**
 * The running service: {@link org.blocklist.service.Service#start} opens the store, loads or
 * creates the signing key, verifies the whole history ({@code org.blocklist.ledger.LedgerVerifier})
 * and only then opens the listeners. Start here to see how the packages fit together.
 */
package org.blocklist.service;
