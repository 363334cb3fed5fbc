#!/usr/bin/env python3
"""Deterministic synthetic names for the HTTP benchmarks.

names.py entries N OUT     N unique, valid, non-public-suffix entry names, one per line
names.py queries N ENTRIES OUT   N lookup names drawn with a Zipf skew (s = 1.1: popular names
                                 come back, as in resolver traffic) from a pool of N/2 distinct
                                 names: 10% exact hits, 20% subdomains of entries, 70% misses
                                 (random names and near misses such as "x" + entry)
names.py misses N ENTRIES OUT    N distinct lookup names in random order, each asked once per
                                 pass, so that almost none is in the server's 100,000-answer
                                 cache: 10% listed (half exact entries, half names below an
                                 entry), 90% not listed (two thirds random names, one third near
                                 misses such as "x17" + entry or an entry under another TLD). Each
                                 name is classified against ENTRIES (listed if it or a parent is an
                                 entry), so the shares are exact; they are printed on stderr.
"""
import random
import sys

WORDS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike "
         "november oscar papa quebec romeo sierra tango uniform victor whiskey xray yankee zulu "
         "shop cloud media photo video files share host site web net data blog news").split()
TLDS = ["example", "test", "invalid", "com", "net", "org", "be", "nl", "fr", "de", "info"]


def entry(rng, i):
    name = f"{rng.choice(WORDS)}{rng.choice(WORDS)}{i}"
    if rng.random() < 0.3:
        name = f"{rng.choice(WORDS)}.{name}"
    return f"{name}.{rng.choice(TLDS)}"


def listed(name, entries):
    """True if name or one of its parent names is an entry (how a lookup matches)."""
    labels = name.split(".")
    return any(".".join(labels[k:]) in entries for k in range(len(labels) - 1))


def misses(rng, n, names, out, hit_share=0.10):
    entries = set(names)
    want_hits = round(n * hit_share)
    exact = names[:]
    rng.shuffle(exact)
    exact = exact[: want_hits // 2]  # at most half the hits are exact entries, each once
    seen = set()
    hits, clear = [], []

    def add(q):
        if q in seen:
            return
        if listed(q, entries):
            if len(hits) < want_hits:
                seen.add(q)
                hits.append(q)
        elif len(clear) < n - want_hits:
            seen.add(q)
            clear.append(q)

    for q in exact:
        add(q)
    while len(hits) < want_hits:  # names below an entry
        add(".".join(rng.choice(WORDS) for _ in range(rng.randint(1, 2))) + f"{rng.randint(0, 999)}." + rng.choice(names))
    while len(clear) < n - want_hits:
        r = rng.random()
        e = rng.choice(names)
        if r < 0.2:  # "x<k>" + entry: not "x" + entry, which the cached series asks
            add(f"x{rng.randint(0, 999)}{e}")
        elif r < 0.33:
            add(e.rsplit(".", 1)[0] + "." + rng.choice(TLDS))
        else:
            add(entry(rng, 10_000_000 + rng.randint(0, 90_000_000)))
    qs = hits + clear
    rng.shuffle(qs)
    with open(out, "w") as f:
        f.write("\n".join(qs) + "\n")
    exact_n = sum(1 for q in hits if q in entries)
    print(f"misses: {len(qs)} distinct names, {len(hits)} listed ({100 * len(hits) / len(qs):.1f}%: "
          f"{exact_n} exact entries, {len(hits) - exact_n} below an entry), {len(clear)} not listed",
          file=sys.stderr)


def main():
    rng = random.Random(20261122)
    if sys.argv[1] == "misses":
        n, out = int(sys.argv[2]), sys.argv[4]
        misses(random.Random(20261203), n, open(sys.argv[3]).read().split(), out)
    elif sys.argv[1] == "entries":
        n, out = int(sys.argv[2]), sys.argv[3]
        with open(out, "w") as f:
            for i in range(n):
                f.write(entry(rng, i) + "\n")
    else:
        n, entries, out = int(sys.argv[2]), sys.argv[3], sys.argv[4]
        names = open(entries).read().split()
        pool = []
        for _ in range(max(1, n // 2)):
            r = rng.random()
            e = rng.choice(names)
            if r < 0.1:
                q = e
            elif r < 0.3:
                q = ".".join(rng.choice(WORDS) for _ in range(rng.randint(1, 3))) + "." + e
            elif r < 0.6:
                q = "x" + e
            else:
                q = entry(rng, 10_000_000 + rng.randint(0, 10_000_000))
            pool.append(q)
        weights = [1.0 / (k + 1) ** 1.1 for k in range(len(pool))]
        with open(out, "w") as f:
            for q in rng.choices(pool, weights=weights, k=n):
                f.write(q + "\n")


main()
