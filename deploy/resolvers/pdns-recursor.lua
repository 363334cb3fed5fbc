-- PowerDNS Recursor (4.8 or newer) as a secondary of blocklist's RPZ zone, transfers signed with
-- TSIG.
--
-- Install:
-- 1. Make a key (`tsig-keygen -a hmac-sha256 isp-c.`, or 32 random bytes in base64), put its
--    secret below (this file then holds a secret: root:pdns, mode 0640), and give the same
--    secret to the blocklist operator:
--      dns:
--        transfers:
--          - { isp: isp-c, tsig: { name: isp-c., algorithm: hmac-sha256, secret: "<the secret>" } }
-- 2. Replace 192.0.2.10 with the blocklist DNS listener's address (dns.bind), 8053 with its port.
-- 3. Add the settings of pdns-recursor.conf to recursor.conf (lua-config-file names this file),
--    then `systemctl restart pdns-recursor`.
--
-- The Recursor 4.8 does not act on NOTIFY for an RPZ zone: it asks for changes (IXFR, which
-- blocklist answers from its in-memory changes) every `refresh` seconds. A current copy costs one
-- small answer (the SOA alone), so a short refresh is cheap; it bounds how late a new version is
-- enforced.
--
-- Tested as written by DnsPowerDnsIT (address, port and secret replaced, refresh made 1 s).
rpzPrimary("192.0.2.10:8053", "rpz.blocklist.example.", {
  refresh = 10,
  tsigname = "isp-c.",
  tsigalgo = "hmac-sha256",
  tsigsecret = "REPLACE-WITH-THE-SECRET",
  policyName = "blocklist",
})
