/**
 * The command line ({@link org.blocklist.cli.Main}): {@code serve} and {@code principal
 * add|revoke}. Exit status 0 ok, 1 refused or failed, 2 usage error.
 *
 * <p>Imports {@code service} (to serve), {@code store} and {@code ledger} (principals), {@code
 * config}; nothing imports it.
 */
package org.blocklist.cli;
