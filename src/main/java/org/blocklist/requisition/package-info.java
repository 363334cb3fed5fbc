/**
 * Requisitions: the values of a request to block or unblock names ({@link
 * org.blocklist.requisition.Requisition}, its {@link org.blocklist.requisition.Action}, {@link
 * org.blocklist.requisition.LegalBasis} and {@link org.blocklist.requisition.Status}). The rules
 * that move a requisition between states live in {@code org.blocklist.ledger}.
 */
package org.blocklist.requisition;
