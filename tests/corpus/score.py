#!/usr/bin/env python3
"""Scores `netform check` against the corpus (issue 13's measure).

  python3 tests/corpus/score.py [--netform PATH] [--update]

Recall: a planted mistake counts as found when check reports an error- or warning-level
finding on its line.  False alarms: error-level findings on the correct corpus documents
(those whose manifest entry has no real_mistakes), and findings on planted-file lines that
carry no planted mistake (reported, not counted as recall).  With --update, each planted
mistake gets "found_today": true/false and each planted file "other_findings_today" in
planted/manifest.json.
"""
import json, os, subprocess, sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
NETFORM = os.path.join(HERE, '..', '..', 'target', 'debug', 'netform')
if '--netform' in sys.argv:
    NETFORM = sys.argv[sys.argv.index('--netform') + 1]

def check(path):
    r = subprocess.run([NETFORM, 'check', '--format', 'json', path], capture_output=True, text=True, timeout=120)
    try:
        out = json.loads(r.stdout)
    except json.JSONDecodeError:
        return None, (r.stdout + r.stderr).strip().splitlines()[:1]
    if isinstance(out, dict):  # {"findings": [...], "analysed": N, "skipped": [...], "silenced": N}
        out = out.get('findings', [])
    return out, None

planted = json.load(open(os.path.join(HERE, 'planted', 'manifest.json'), encoding='utf-8'))
per_kind = defaultdict(lambda: [0, 0])
found_total = 0
total = 0
for f in planted['files']:
    findings, err = check(os.path.join(HERE, 'planted', f['file']))
    findings = findings or []
    lines_hit = {x['line'] for x in findings if x.get('severity') in ('error', 'warning')}
    planted_lines = {m['line'] for m in f['mistakes']}
    for m in f['mistakes']:
        hit = m['line'] in lines_hit
        per_kind[m['kind']][0] += hit
        per_kind[m['kind']][1] += 1
        found_total += hit
        total += 1
        if '--update' in sys.argv:
            m['found_today'] = hit
    others = sorted({(x['line'], x['code']) for x in findings if x['line'] not in planted_lines})
    if '--update' in sys.argv:
        f['other_findings_today'] = [f'{l}:{c}' for l, c in others] + ([f'no json: {err[0]}'] if err else [])
    print(f"{f['file']:34} found {sum(m['line'] in lines_hit for m in f['mistakes'])}/{len(f['mistakes'])}"
          + (f"  other lines: {len(others)}" if others else '') + (f"  ({err[0]})" if err else ''))
print()
print('recall per kind (found/planted):')
for k, (a, b) in sorted(per_kind.items()):
    print(f'  {k:24} {a}/{b}')
print(f'recall: {found_total}/{total} = {found_total / total:.1%}')

corpus = json.load(open(os.path.join(HERE, 'manifest.json'), encoding='utf-8'))
print()
print('error-level findings on correct corpus documents (false alarms):')
fa = 0
for d in corpus['documents']:
    if d.get('real_mistakes'):
        continue
    findings, err = check(os.path.join(HERE, d['file']))
    errs = [x for x in (findings or []) if x.get('severity') == 'error']
    fa += len(errs)
    print(f"  {d['file']:40} {len(errs)}" + (f'  ({err[0]})' if err else ''))
print(f'total: {fa}')
if '--update' in sys.argv:
    with open(os.path.join(HERE, 'planted', 'manifest.json'), 'w', encoding='utf-8') as fh:
        json.dump(planted, fh, ensure_ascii=False, indent=1)
        fh.write('\n')
