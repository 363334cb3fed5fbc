/**
 * Configuration: {@link org.blocklist.config.ConfigLoader} reads {@code config/blocklist.yaml} over
 * the built-in {@code default-config.yaml} into the immutable {@link org.blocklist.config.Config}.
 * Every limit of the service is a named key here.
 *
 * <p>Imports only {@code rpz}, whose parsers check the {@code dns:} values (addresses, names, TSIG
 * keys), so that a configuration that loads also starts; read by {@code service} and {@code cli},
 * and its records by the faces.
 */
package org.blocklist.config;
