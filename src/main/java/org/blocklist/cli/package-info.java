/**
 * The command line ({@link org.blocklist.cli.Main}): {@code serve}, {@code principal add|revoke},
 * {@code backup}, {@code cert dev}, {@code sync} and {@code verify}. Exit status 0 ok, 1 refused or
 * failed, 2 usage error.
 *
 * <p>Imports {@code service} (to serve), {@code store} and {@code ledger} (principals), {@code
 * config}, {@code tls} (development certificates), {@code sync} (the ISP's agent) and {@code rpz}
 * (the address and key parsers of its {@code --serve-rpz} options), and {@code verify} and {@code
 * feed} (the auditor's verifier, with its threads made here); nothing imports it.
 */
package org.blocklist.cli;
