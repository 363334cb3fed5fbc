package org.blocklist.domain;

/** Why a text is not a canonical name: a reason and a detail for the message. */
record Problem(RefusalReason reason, String detail) {}
