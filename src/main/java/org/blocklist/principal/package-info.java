/**
 * Who calls: a {@link org.blocklist.principal.Principal} is a unique name and exactly one {@link
 * org.blocklist.principal.Role} (DESIGN.md, "Who uses it"). Values only.
 *
 * <p>Ground floor: imports nothing of ours.
 */
package org.blocklist.principal;
