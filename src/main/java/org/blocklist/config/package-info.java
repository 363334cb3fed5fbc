/**
 * Configuration: {@link org.blocklist.config.ConfigLoader} reads {@code config/blocklist.yaml} over
 * the built-in {@code default-config.yaml} into the immutable {@link org.blocklist.config.Config}.
 * Every limit of the service is a named key here.
 */
package org.blocklist.config;
