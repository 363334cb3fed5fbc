/**
 * Requisitions: the values ({@link org.blocklist.requisition.Requisition}, its {@link
 * org.blocklist.requisition.Action}, {@link org.blocklist.requisition.LegalBasis} and {@link
 * org.blocklist.requisition.Status}) and the rules that move a requisition between states, as pure
 * code over a published {@code ListState}: start at {@link
 * org.blocklist.requisition.RequisitionRules} (submission, four eyes, the conflict checks). A
 * refusal is a {@link org.blocklist.requisition.RequisitionException} whose {@link
 * org.blocklist.requisition.Problem} is the API error code. {@link org.blocklist.requisition.Texts}
 * bounds free text and digests a requisition's content for the audit chain.
 *
 * <p>Imports: {@code domain}, {@code log}, {@code principal}, {@code state}; no I/O.
 */
package org.blocklist.requisition;
