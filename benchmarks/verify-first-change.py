#!/usr/bin/env python3
"""Where each version's first change falls in the list (as a fraction of it), over an archive
written by `blocklist verify --archive DIR`: how much a digest resumed from the unchanged prefix
could save. Usage: python3 benchmarks/verify-first-change.py ARCHIVE"""
import bisect, json, os, statistics, sys

d = os.path.join(sys.argv[1], 'changes')
versions, fractions = [], []
for f in sorted(os.listdir(d)):
    j = json.load(open(os.path.join(d, f)))
    names = sorted(j.get('added', []) + j.get('removed', []))
    if versions and names:  # rank of the smallest changed name among the names added before
        rank = sum(bisect.bisect_left(v, names[0]) for v in versions)
        fractions.append(rank / sum(len(v) for v in versions))
    versions.append(sorted(j.get('added', [])))  # the bench history only adds
print('versions %d, first change at: median %.5f, mean %.5f, max %.5f of the list'
      % (len(fractions), statistics.median(fractions), statistics.mean(fractions), max(fractions)))
