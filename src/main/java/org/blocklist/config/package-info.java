/**
 * Configuration: {@link org.blocklist.config.ConfigLoader} reads {@code config/blocklist.yaml} over
 * the built-in {@code default-config.yaml} into the immutable {@link org.blocklist.config.Config}.
 * Every limit of the service is a named key here.
 *
 * <p>Imports nothing of ours; read by {@code service} and {@code cli}, and its {@code Limits} by
 * the faces.
 */
package org.blocklist.config;
