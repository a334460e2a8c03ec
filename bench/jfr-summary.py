#!/usr/bin/env python3
"""Summarises `jfr print --stack-depth 64 --events jdk.ExecutionSample` output: per thread group (thread name without
its trailing number), the number of samples, the hottest leaf methods (self) and the hottest methods anywhere on the
stack (inclusive, each method counted once per sample). Usage: jfr-summary.py samples.txt [TOP (default 18)]"""
import collections, re, sys

top = int(sys.argv[2]) if len(sys.argv) > 2 else 18
groups = collections.defaultdict(lambda: [0, collections.Counter(), collections.Counter()])
thread, frames, in_stack = None, [], False
frame_re = re.compile(r'^\s+([\w$.<>/]+)\(')

def flush():
    if thread is None or not frames:
        return
    g = groups[re.sub(r'[-#]?\d+$', '', thread)]
    g[0] += 1
    g[1][frames[0]] += 1
    for f in set(frames):
        g[2][f] += 1

for line in open(sys.argv[1], encoding='utf-8', errors='replace'):
    if line.startswith('jdk.ExecutionSample'):
        flush()
        thread, frames, in_stack = None, [], False
    elif 'sampledThread = ' in line:
        thread = line.split('"')[1]
    elif 'stackTrace = [' in line:
        in_stack = True
    elif in_stack:
        m = frame_re.match(line)
        if m:
            frames.append(m.group(1))
        elif line.strip() == ']':
            in_stack = False
flush()

total = sum(g[0] for g in groups.values())
for name, (n, self_c, incl) in sorted(groups.items(), key=lambda kv: -kv[1][0]):
    if n < total * 0.01:
        continue
    print(f'\n== {name}: {n} samples ({100 * n / total:.1f}%)')
    print('  self:')
    for f, c in self_c.most_common(top):
        print(f'    {100 * c / n:5.1f}% {f}')
    print('  inclusive:')
    for f, c in incl.most_common(top * 3):
        print(f'    {100 * c / n:5.1f}% {f}')
