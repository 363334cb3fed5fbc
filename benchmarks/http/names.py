#!/usr/bin/env python3
"""Deterministic synthetic names for the HTTP benchmarks.

names.py entries N OUT     N unique, valid, non-public-suffix entry names, one per line
names.py queries N ENTRIES OUT   N lookup names drawn with a Zipf skew (s = 1.1: popular names
                                 come back, as in resolver traffic) from a pool of N/2 distinct
                                 names: 10% exact hits, 20% subdomains of entries, 70% misses
                                 (random names and near misses such as "x" + entry)
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


def main():
    rng = random.Random(20261122)
    if sys.argv[1] == "entries":
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
