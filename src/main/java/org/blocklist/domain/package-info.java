/**
 * Domain names: canonical form, normalisation of untrusted input, and the validation gate of
 * requisitions (DESIGN.md, "Entries").
 *
 * <p>Start with {@link org.blocklist.domain.DomainCanonicalizer} (one input to one {@link
 * org.blocklist.domain.DomainName}, used by lookups) and {@link
 * org.blocklist.domain.RequisitionDomainValidator} (a requisition's list of inputs to a {@link
 * org.blocklist.domain.Validation}, adding the Public Suffix List, the {@link
 * org.blocklist.domain.ProtectedDomains protected list} and duplicates). Every refusal carries a
 * {@link org.blocklist.domain.RefusalReason} whose {@code code()} is the API's {@code reason}.
 * {@link org.blocklist.domain.DomainMatcher} answers which entry covers a name (suffix match on
 * label boundaries), allocation-free, and is updated version by version.
 *
 * <h2>Canonical form</h2>
 *
 * Lower-case LDH ASCII, IDN labels as A-labels, no trailing dot, at most 253 octets, labels of 1 to
 * 63 octets that neither start nor end with a hyphen. An entry blocks itself and every name below
 * it ({@link org.blocklist.domain.DomainName#isSameOrSubdomainOf}). Names sort in byte order.
 *
 * <h2>Canonicalisation, in order</h2>
 *
 * <ol>
 *   <li>Input longer than 2048 characters: {@code input_too_long}, before anything else.
 *   <li>ASCII whitespace (TAB, LF, VT, FF, CR, SPACE) is trimmed at both ends; nothing left: {@code
 *       empty}. Whitespace inside, and Unicode spaces anywhere, are refused by IDNA below.
 *   <li>URL forms are reduced to their host and {@code reducedFromUrl} is set: {@code
 *       http://user:pw@Example.COM:8080/path?q#f} (scheme {@code http} or {@code https} in any
 *       case; any other scheme, {@code ftp://}, is {@code invalid_name}; an {@code @} after the
 *       scheme ends the userinfo, the last one wins, as in browsers), and without a scheme {@code
 *       host/path}, {@code host?query}, {@code host#fragment}, {@code host:port} (port 0..65535).
 *       The authority ends at the first {@code / ? #} or backslash. Without a scheme an {@code @}
 *       is not userinfo: {@code user@example.com} is refused, not guessed. Percent-encoding is not
 *       decoded (refused). A bracketed host ({@code [::1]}, {@code http://[::1]:80/}) is {@code
 *       ip_literal}; a host with two colons or more made of hex digits, dots and an optional {@code
 *       %zone} ({@code ::1}, {@code 2001:db8::1}) is {@code ip_literal}; any other colon is {@code
 *       invalid_name}.
 *   <li>UTS #46 ToASCII with ICU4J ({@code com.ibm.icu.text.IDNA}, never {@code java.net.IDN}):
 *       non-transitional processing ({@code faß.de} is {@code xn--fa-hia.de}, not {@code fass.de};
 *       final sigma and ZWJ/ZWNJ are kept where CheckJoiners allows), CheckHyphens ({@code -lead},
 *       {@code trail-}, {@code ab--cd} refused; {@code xn--} labels must decode), CheckBidi,
 *       CheckJoiners, UseSTD3ASCIIRules ({@code _dmarc}, {@code *}, {@code a_b} refused). The UTS
 *       #46 mapping lower-cases, maps fullwidth forms and ideographic full stops ({@code
 *       example。com} is {@code example.com}, {@code １２７.０.０.１} is {@code 127.0.0.1}) and deletes
 *       default-ignorables (ZWSP U+200B, BOM U+FEFF, soft hyphen U+00AD: {@code a}, ZWSP, {@code
 *       b.example} is {@code ab.example}, as a browser resolves it). Any ICU error refuses the
 *       input: ICU's {@code LABEL_TOO_LONG} alone gives {@code label_too_long}, {@code
 *       DOMAIN_NAME_TOO_LONG} alone {@code too_long}, anything else (including an empty label:
 *       leading dot, {@code ..}, two trailing dots) {@code invalid_name} with ICU's error set in
 *       the message. Homoglyphs are not refused: {@code аpple.com} (Cyrillic a) is its own name,
 *       {@code xn--pple-43d.com}.
 *   <li>One trailing dot (the root) is removed.
 *   <li>IP literals in every form: a last label of ASCII digits only ({@code 1.2.3.4}, {@code
 *       127.1}, {@code 1}, {@code example.123}) or {@code 0x} and hex digits ({@code 0x7f.1},
 *       {@code 0X7F.0.0.1}, {@code example.0x1f}), checked after lower-casing, is {@code
 *       ip_literal} (the WHATWG "ends in a number" rule). {@code 1.2.3.4.example} is a name.
 *   <li>The result is checked again as a {@link org.blocklist.domain.DomainName} (LDH, labels
 *       1..63, total 253, no hyphen at either end of a label), a backstop that does not trust ICU's
 *       output blindly.
 * </ol>
 *
 * <p>A single label ({@code localhost}, {@code com}) canonicalises fine (lookups may ask); the
 * requisition gate refuses it as {@code public_suffix}, like every public suffix of both sections
 * of the Public Suffix List (Guava {@code InternetDomainName}).
 *
 * <p>Messages quote the input with invisible characters escaped as {@code \\uXXXX} and cut at 120
 * characters. They contain entry names, which are confidential: return them to the submitter, never
 * log them.
 *
 * <p>Ground floor: imports nothing of ours.
 */
package org.blocklist.domain;
