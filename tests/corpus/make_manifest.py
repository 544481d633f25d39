#!/usr/bin/env python3
"""Regenerates tests/corpus/manifest.json.

Line numbers are not typed by hand: every `lines` / `line` value is looked up here by a
substring of the line (function `ln`), so the manifest stays right if a header changes.
Exact expected values are computed with fractions.Fraction (see `why` fields).
`netform_today` is filled by running target/debug/netform on each file (run with --netform).
"""
import json, os, subprocess, sys
from fractions import Fraction as F

HERE = os.path.dirname(os.path.abspath(__file__))
NETFORM = os.path.join(HERE, '..', '..', 'target', 'debug', 'netform')

def text(f):
    with open(os.path.join(HERE, f), encoding='utf-8') as fh:
        return fh.read().split('\n')

def header_end(f):
    """Last line of the source header comment (<!-- ... --> or leading % lines)."""
    lines = text(f)
    if lines and lines[0].startswith('<!--'):
        return next(i for i, l in enumerate(lines, 1) if l.strip() == '-->')
    k = 0
    while k < len(lines) and lines[k].startswith('%'):
        k += 1
    return k

def ln(f, needle, n=1, after=None):
    """1-based number of the n-th line after the header comment (or after line `after`) that contains `needle`."""
    if after is None:
        after = header_end(f)
    k = 0
    for i, line in enumerate(text(f), 1):
        if i > after and needle in line:
            k += 1
            if k == n:
                return i
    raise SystemExit(f'{f}: needle not found: {needle!r} (n={n}, after={after})')

def s(q): return str(q)  # Fraction -> "p/q"

def relu(z): return z if z > 0 else F(0)

def shallow(xs, th, ph):
    hs = [relu(t[0] + sum(w * x for w, x in zip(t[1:], xs))) for t in th]
    return ph[0] + sum(p * h for p, h in zip(ph[1:], hs)), hs

docs = []

# ---------------------------------------------------------------- 01
f = '01-book-ch3-shallow-eqnarray.md'
p31 = {'theta_10': '0.3', 'theta_11': '-1.0', 'theta_20': '-1.0', 'theta_21': '2.0',
       'theta_30': '-0.5', 'theta_31': '0.65', 'phi_0': '-0.3', 'phi_1': '2.0', 'phi_2': '-1.0', 'phi_3': '7.0'}
th31 = [(F(p31['theta_10']), F(p31['theta_11'])), (F(p31['theta_20']), F(p31['theta_21'])), (F(p31['theta_30']), F(p31['theta_31']))]
ph31 = [F(p31[k]) for k in ('phi_0', 'phi_1', 'phi_2', 'phi_3')]
def ex31(x):
    y, h = shallow([x], th31, ph31)
    return y, f"x={x}: a[0.3-x]={s(h[0])}, a[-1+2x]={s(h[1])}, a[-0.5+0.65x]={s(h[2])}; y=-3/10+2*{s(h[0])}-1*{s(h[1])}+7*{s(h[2])}={s(y)}"
y1, w1 = ex31(F(1, 5)); y2, w2 = ex31(F(9, 10))
p32 = {'theta_10': '-4.0', 'theta_11': '0.9', 'theta_12': '0.0', 'theta_20': '5.0', 'theta_21': '-0.9', 'theta_22': '-0.5',
       'theta_30': '-7', 'theta_31': '0.5', 'theta_32': '0.9', 'phi_0': '0.0', 'phi_1': '-2.0', 'phi_2': '2.0', 'phi_3': '1.5'}
th32 = [(F(p32['theta_%d0' % i]), F(p32['theta_%d1' % i]), F(p32['theta_%d2' % i])) for i in (1, 2, 3)]
ph32 = [F(p32[k]) for k in ('phi_0', 'phi_1', 'phi_2', 'phi_3')]
def ex32(x1, x2):
    y, h = shallow([x1, x2], th32, ph32)
    return y, f"x_1={x1}, x_2={x2}: h=({', '.join(map(s, h))}); y=0-2*{s(h[0])}+2*{s(h[1])}+3/2*{s(h[2])}={s(y)}"
y3, w3 = ex32(F(8), F(8)); y4, w4 = ex32(F(2), F(1))
docs.append({
    'file': f, 'kind': 'book',
    'source': 'unidentified public Quarto course site reproducing the LaTeX of Understanding Deep Learning ch. 3 (search-index file id 59759424552); parameters: udlbook/udlbook Notebooks/Chap03/3_1_Shallow_Networks_I.ipynb and 3_2_Shallow_Networks_II.ipynb',
    'author': 'Simon J.D. Prince (equations, \\label names eq:snn_*); site maintainer unknown',
    'networks': [
        {'id': 'nested-1-3-1', 'form': 'nested', 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': 3, 'layers': 1,
         'lines': [ln(f, 'y &=& \\mbox{f}[x'), ln(f, '&=&\\phi_{0}+\\phi_{1}\\mbox{a}')],
         'params': p31, 'params_from': 'udlbook/udlbook Notebooks/Chap03/3_1_Shallow_Networks_I.ipynb, code cell "Now lets define some parameters"',
         'at': [{'x': '1/5'}, {'x': '9/10'}], 'expected': [{'y': s(y1)}, {'y': s(y2)}], 'why': [w1, w2],
         'notes': 'chain headed by the model name y = \\mbox{f}[x,\\boldsymbol\\phi]; continuation line starts with &=&; trailing "."'},
        {'id': 'units-1-3-1', 'form': 'scalar', 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': 3, 'layers': 1,
         'lines': [ln(f, 'h_{1} &=& \\mbox{a}[\\theta_{10} + \\theta_{11}x] \\nonumber'), ln(f, 'y = \\phi_{0}+\\phi_{1}h_{1}')],
         'restates': 'nested-1-3-1', 'params': p31, 'at': [{'x': '1/5'}, {'x': '9/10'}], 'expected': [{'y': s(y1)}, {'y': s(y2)}], 'why': [w1, w2],
         'notes': 'two eqnarray blocks; the same network as the nested equation, split into units'},
        {'id': 'template-1-D-1', 'form': 'template', 'symbolic': True, 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': None, 'layers': 1,
         'lines': [ln(f, 'h_{d} = \\mbox{a}[\\theta_{d0}'), ln(f, '\\sum_{d=1}^{D}\\phi_{d}h_{d}')],
         'notes': 'template h_d and symbolic sum \\sum_{d=1}^{D}: notation about networks, not a network (read past with a note)'},
        {'id': 'units-1-4-2', 'form': 'scalar', 'inputs': ['x'], 'outputs': ['y_1', 'y_2'], 'hidden_units': 4, 'layers': 1,
         'lines': [ln(f, 'h_{1} &=& \\mbox{a}[\\theta_{10} + \\theta_{11}x] \\nonumber', 2), ln(f, 'y_2 &=& \\phi_{20}')],
         'notes': 'a NEW network that reuses the names h_1..h_3 of the 1-3-1 network above (scoping: must not be reported as redefinition); no parameter values in the book notebooks for this network'},
        {'id': 'units-2-3-1', 'form': 'scalar', 'inputs': ['x_1', 'x_2'], 'outputs': ['y'], 'hidden_units': 3, 'layers': 1,
         'lines': [ln(f, 'h_{1} &=& \\mbox{a}[\\theta_{10} + \\theta_{11}x_1'), ln(f, 'y = \\phi_{0}+\\phi_{1}h_{1}', 2)],
         'params': p32, 'params_from': 'udlbook/udlbook Notebooks/Chap03/3_2_Shallow_Networks_II.ipynb, first "define some parameters" cell',
         'at': [{'x_1': '8', 'x_2': '8'}, {'x_1': '2', 'x_2': '1'}], 'expected': [{'y': s(y3)}, {'y': s(y4)}], 'why': [w3, w4],
         'notes': 'third network in the document with units h_1..h_3 and output y: its y equation is character-for-character identical to the 1-3-1 one'},
        {'id': 'template-general', 'form': 'template', 'symbolic': True, 'inputs': ['x_i'], 'outputs': ['y_j'], 'hidden_units': None, 'layers': 1,
         'lines': [ln(f, 'h_{d} = \\mbox{a}\\left[\\theta_{d0}'), ln(f, 'y_j = \\phi_{j0}')],
         'notes': 'general case with \\sum_{i=1}^{D_{i}} and \\sum_{d=1}^{D}'},
    ],
    'notes': 'The book\'s own spelling: eqnarray with &=&, \\nonumber, \\label{...}, trailing "," and "."; activation \\mbox{a}[...]; ' +
             ('ReLU defined at line ' + str(ln(f, "\\mbox{ReLU}[z]")) + ' as \\mbox{a}[z] = \\mbox{ReLU}[z] = \\begin{cases}...; the YAML front matter follows the header comment. ') +
             'Parameter values come from the book\'s companion notebooks, not from this text (the notebooks set theta_10 = 0.3 etc. for the same networks).',
})

# ---------------------------------------------------------------- 02
f = '02-book-ch4-deep-eqnarray.md'
n1 = {'theta_10': '0.0', 'theta_11': '-1.0', 'theta_20': '0', 'theta_21': '1.0', 'theta_30': '-0.67', 'theta_31': '1.0',
      'phi_0': '1.0', 'phi_1': '-2.0', 'phi_2': '-3.0', 'phi_3': '9.3'}
n2 = {"theta'_10": '-0.6', "theta'_11": '-1.0', "theta'_20": '0.2', "theta'_21": '1.0', "theta'_30": '-0.5', "theta'_31": '1.0',
      "phi'_0": '0.5', "phi'_1": '-1.0', "phi'_2": '-1.5', "phi'_3": '2.0'}
t1 = [(F(n1['theta_%d0' % i]), F(n1['theta_%d1' % i])) for i in (1, 2, 3)]
q1 = [F(n1['phi_%d' % i]) for i in range(4)]
t2 = [(F(n2["theta'_%d0" % i]), F(n2["theta'_%d1" % i])) for i in (1, 2, 3)]
q2 = [F(n2["phi'_%d" % i]) for i in range(4)]
psi = {}
for i in (1, 2, 3):
    psi['psi_%d0' % i] = t2[i - 1][0] + t2[i - 1][1] * q1[0]
    for j in (1, 2, 3):
        psi['psi_%d%d' % (i, j)] = t2[i - 1][1] * q1[j]
def ex41(x):
    y, h = shallow([x], t1, q1)
    yp, hp = shallow([y], t2, q2)
    hh = [relu(psi['psi_%d0' % i] + sum(psi['psi_%d%d' % (i, j)] * h[j - 1] for j in (1, 2, 3))) for i in (1, 2, 3)]
    y3 = q2[0] + sum(q2[i] * hh[i - 1] for i in (1, 2, 3))
    assert y3 == yp
    return y, yp, f"x={x}: h=({', '.join(map(s, h))}), y={s(y)}; h'=({', '.join(map(s, hp))}), y'={s(yp)} (same through the psi form)"
ya, ypa, wa = ex41(F(-1, 2)); yb, ypb, wb = ex41(F(9, 10))
psi_s = {k: s(v) for k, v in psi.items()}
psi_why = "psi_i0 = theta'_i0 + theta'_i1*phi_0, psi_ij = theta'_i1*phi_j (book eq. 4.7 prose), with the notebook values"
docs.append({
    'file': f, 'kind': 'book',
    'source': 'unidentified public Quarto course site reproducing the LaTeX of Understanding Deep Learning ch. 4 (search-index file id 59841858531); parameters: udlbook/udlbook Notebooks/Chap04/4_1_Composing_Networks.ipynb (n1_* and n2_* values)',
    'author': 'Simon J.D. Prince (equations, \\label names eq:dnn_*); site maintainer unknown',
    'networks': [
        {'id': 'net1', 'form': 'scalar', 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': 3, 'layers': 1,
         'lines': [ln(f, 'h_{1} &=& \\mbox{a}[\\theta_{10}'), ln(f, ' y = \\phi_{0}+\\phi_{1}h_{1}')],
         'params': n1, 'params_from': 'notebook 4.1, n1_theta_10 = 0.0 ... n1_phi_3 = 9.3',
         'at': [{'x': '-1/2'}, {'x': '9/10'}], 'expected': [{'y': s(ya)}, {'y': s(yb)}], 'why': [wa, wb]},
        {'id': 'net2', 'form': 'scalar', 'inputs': ['y'], 'outputs': ["y'"], 'hidden_units': 3, 'layers': 1,
         'lines': [ln(f, "h'_{1} &=& \\mbox{a}[\\theta'_{10}"), ln(f, "y' = \\phi'_{0}+\\phi'_{1}h'_{1}")],
         'params': n2, 'params_from': 'notebook 4.1, n2_theta_10 = -0.6 ... n2_phi_3 = 2.0',
         'composes_with': 'net1', 'at': [{'x': '-1/2'}, {'x': '9/10'}], 'expected': [{"y'": s(ypa)}, {"y'": s(ypb)}], 'why': [wa, wb],
         'notes': 'second network of the composition: reads y (net1\'s output)'},
        {'id': 'substitution', 'form': 'chain', 'inputs': ['x'], 'outputs': [], 'hidden_units': 3, 'layers': 2,
         'lines': [ln(f, "h'_{1} &=\\quad"), ln(f, "h'_{3} &=\\quad")], 'restates': 'net2',
         'notes': 'chained equality h\'_i = a[theta\'_i0 + theta\'_i1 y] = a[...theta\'_i1\\phi_j h_j...] aligned with "&=\\quad" (two & per row)'},
        {'id': 'psi-layer', 'form': 'scalar', 'inputs': ['h_1', 'h_2', 'h_3'], 'outputs': ["h'_1", "h'_2", "h'_3"], 'hidden_units': 3, 'layers': 1,
         'lines': [ln(f, "h'_{1} &=& \\mbox{a}[\\psi_{10}"), ln(f, "h'_{3} &=& \\mbox{a}[\\psi_{30}")],
         'derived_params': psi_s, 'why_derived': psi_why,
         'notes': 'psi form of net2 after the substitution; psi is NOT defined anywhere in this excerpt (the book defines it in prose): a reparameterisation, not a contradiction'},
        {'id': 'deep-1-3-3-1', 'form': 'scalar', 'inputs': ['x'], 'outputs': ["y'"], 'hidden_units': 6, 'layers': 2,
         'lines': [ln(f, 'h_{1} &=& \\mbox{a}[\\theta_{10}', 2), ln(f, "y' = \\phi'_{0}+\\phi'_{1}h'_{1}", 2)],
         'params': dict(list(n1.items())[:6] + list(psi_s.items()) + list(n2.items())[6:]),
         'params_from': 'theta_* from notebook 4.1 n1_*, psi_* derived (see derived_params of psi-layer), phi\'_* from n2_*',
         'at': [{'x': '-1/2'}, {'x': '9/10'}], 'expected': [{"y'": s(ypa)}, {"y'": s(ypb)}], 'why': [wa, wb]},
        {'id': 'nested-1-3-3-1', 'form': 'nested', 'inputs': ['x'], 'outputs': ["y'"], 'hidden_units': 6, 'layers': 2,
         'lines': [ln(f, "y' &=& \\phi'_{0}+\\phi'_{1}\\mbox{a}\\left["), ln(f, "&&\\hspace{0.55cm}+\\phi'_{3}")], 'restates': 'deep-1-3-3-1',
         'at': [{'x': '-1/2'}, {'x': '9/10'}], 'expected': [{"y'": s(ypa)}, {"y'": s(ypb)}], 'why': [wa, wb],
         'notes': 'continuation rows start with &&\\hspace{0.55cm}+; first outer bracket is \\left[ ... \\right], the others plain [ ]; ends with ",\\nonumber \\\\" before \\end{eqnarray}'},
        {'id': 'matrix-1-3-3-1', 'form': 'matrix', 'inputs': ['x'], 'outputs': ["y'"], 'hidden_units': 6, 'layers': 2,
         'lines': [ln(f, '\\begin{bmatrix}', 1), ln(f, "y' = \\phi'_{0} + \\begin{bmatrix}")], 'restates': 'deep-1-3-3-1',
         'at': [{'x': '-1/2'}, {'x': '9/10'}], 'expected': [{"y'": s(ypa)}, {"y'": s(ypb)}], 'why': [wa, wb],
         'notes': 'activation \\mbox{\\bf a}\\left[...\\right]; bmatrix rows with "\\\\\\theta_{21}" (row break glued to the next command)'},
        {'id': 'vector-names', 'form': 'matrix-names', 'symbolic': True, 'inputs': ['x'], 'outputs': ["y'"], 'hidden_units': None, 'layers': 2,
         'lines': [ln(f, '\\mathbf{h} &=& \\mbox{\\bf a}'), ln(f, "y' &=& \\phi'_{0} + \\boldsymbol\\phi'")],
         'notes': 'bold names without entries (\\boldsymbol\\theta_{0}, \\boldsymbol\\Psi): the same network by name only'},
        {'id': 'general-K', 'form': 'general', 'symbolic': True, 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': None, 'layers': 'K',
         'lines': [ln(f, '\\mathbf{h}_{1} &=& \\mathbf{a}[\\boldsymbol\\beta_{0}'), ln(f, '\\boldsymbol\\Omega_{0}\\mathbf{x}\\right]\\right]')],
         'notes': 'symbolic K layers with &\\vdots& row, then the nested general form with \\!\\! spacing and \\ldots'},
    ],
    'notes': 'Composition (net1 -> net2 reading y), the substitution as a chained equality, the psi reparameterisation with psi undefined, '
             'the same 1-3-3-1 network restated in scalar, nested and matrix forms, and symbolic general forms. '
             'Two eqnarray blocks end with "\\\\" directly before \\end{eqnarray} (an empty last row).',
})

# ---------------------------------------------------------------- 03
f = '03-k78ma-composing-networks.md'
docs.append({
    'file': f, 'kind': 'notes',
    'source': 'https://k78ma.github.io/quartz/ML/Composing-Shallow-Networks (Quartz/Obsidian markdown; search-index file id 57971780981)',
    'author': 'k78ma',
    'networks': [
        {'id': 'net1', 'form': 'scalar', 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': 3, 'layers': 1,
         'lines': [ln(f, 'h_{1}= a[\\theta_{10}'), ln(f, 'y=\\phi_{0}+\\phi_{1}h_{1}')]},
        {'id': 'net2', 'form': 'scalar', 'inputs': ['y'], 'outputs': ["y'"], 'hidden_units': 3, 'layers': 1, 'composes_with': 'net1',
         'lines': [ln(f, "h_{1}'= a[\\theta_{10}'+\\theta_{11}'y] \\\\"), ln(f, "y'=\\phi_{0}'+\\phi_{1}'h_{1}'")]},
        {'id': 'deep', 'form': 'scalar', 'inputs': ['x'], 'outputs': ["y'"], 'hidden_units': 6, 'layers': 2,
         'lines': [ln(f, 'h_{1} & = a[\\theta_{10}'), ln(f, "y'=\\phi'_{0}+\\phi_{1}'h_{1}'")],
         'notes': 'first layer restated with "&"; inline $y=...$ inside a prose sentence; substitution chain (h\'_i = a[..y] = a[..]); psi layer with "\\\\" before \\end{align}; '
                  'psi only partly defined in prose: "$\\psi_{10}=..., \\psi_{11}=..., \\psi_{12}=...$ and so on" (3 of 12)'},
        {'id': 'nested', 'form': 'nested', 'inputs': ['x'], 'outputs': ["y'"], 'hidden_units': 6, 'layers': 2, 'restates': 'deep',
         'lines': [ln(f, "y'=\\phi_{0}' & +\\phi_{1}'a[\\psi_{10}"), ln(f, "&+\\phi_{3}'a[\\psi_{30}")],
         'notes': 'the alignment "&" sits inside the sum: "y\'=\\phi_{0}\' & +\\phi_{1}\'a[..."'},
        {'id': 'matrix', 'form': 'matrix', 'inputs': ['x'], 'outputs': ["y'"], 'hidden_units': 6, 'layers': 2, 'restates': 'deep',
         'lines': [ln(f, '\\begin{bmatrix}', 1), ln(f, "h_{3}'", 1, after=ln(f, "y'=\\phi_{0}'+\\begin{bmatrix}"))],
         'notes': 'the activation is written "a\\begin{bmatrix} ... \\end{bmatrix}": an outer bmatrix used as the bracket of a[...]'},
        {'id': 'vector-names', 'form': 'matrix-names', 'symbolic': True, 'inputs': ['x'], 'outputs': ["y'"], 'hidden_units': None, 'layers': 2,
         'lines': [ln(f, '\\mathbf{h} & =a[\\mathbf{\\theta}_{0}'), ln(f, "y' & =\\phi_{0}'+\\mathbf{\\phi}'\\mathbf{h}'")],
         'notes': '\\mathbf{\\theta}_{0}, \\mathbf{\\theta}, \\Psi (not bold), \\mathbf{\\phi}\''},
    ],
    'notes': "Primes after the subscript (h_{1}', \\theta_{10}') in the given networks and before it (\\theta'_{10}) in the derivation; align blocks without & ; no parameter values.",
})

# ---------------------------------------------------------------- 04
f = '04-k78ma-composing-early-draft.md'
docs.append({
    'file': f, 'kind': 'notes',
    'source': 'earlier stored version of https://k78ma.github.io/quartz/ML/Composing-Shallow-Networks (search-index file id 58077346013)',
    'author': 'k78ma',
    'networks': [
        {'id': 'net1', 'form': 'scalar', 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': 3, 'layers': 1,
         'lines': [ln(f, 'h_{1}= a[\\theta_{10}'), ln(f, 'y=\\phi_{0}+\\phi_{1}h_{1}')]},
        {'id': 'net2-as-written', 'form': 'scalar', 'inputs': ['x'], 'outputs': ['y (clashes with net1\'s y)'], 'hidden_units': 3, 'layers': 1,
         'lines': [ln(f, "h_{1}'= a[\\theta_{10}'"), ln(f, "y=\\phi_{0}'")],
         'notes': 'as written it reads x and redefines y; the prose says it takes y and returns y\''},
    ],
    'real_mistakes': [
        {'line': ln(f, "h_{1}'= a[\\theta_{10}'+\\theta_{11}'x]"), 'kind': 'composed-reads-x', 'description': "second network reads x; the prose (\"takes y as input\") and the later version read y"},
        {'line': ln(f, "h_{2}'= a[\\theta_{20}'+\\theta_{21}'x]"), 'kind': 'composed-reads-x', 'description': 'same, unit 2'},
        {'line': ln(f, "h_{3}'= a[\\theta_{30}'+\\theta_{31}'x]"), 'kind': 'composed-reads-x', 'description': 'same, unit 3'},
        {'line': ln(f, "y=\\phi_{0}'"), 'kind': 'wrong-prime / left side', 'description': "output of the second network written y instead of y' (redefines net1's output)"},
    ],
    'notes': 'Real mistakes fixed by the author in the later version (03-k78ma-composing-networks.md). Useful as a check recall test on genuine text.',
})

# ---------------------------------------------------------------- 05
f = '05-notes-shallow-tag1.md'
docs.append({
    'file': f, 'kind': 'notes',
    'source': 'unidentified repository of UDL ch. 3 study notes with companion notebooks shallow-neural-networks/*.ipynb (search-index file id 12300355218)',
    'author': 'unknown',
    'networks': [
        {'id': 'nested-1-3-1', 'form': 'nested', 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': 3, 'layers': 1,
         'lines': [ln(f, '\\tag 1 y ='), ln(f, '+ \\phi_3 a[\\theta_{30}')],
         'notes': '"\\tag 1" (no braces) BEFORE the equation; continuation lines start with a tab and "+"'},
        {'id': 'units-1-3-1', 'form': 'scalar', 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': 3, 'layers': 1, 'restates': 'nested-1-3-1',
         'lines': [ln(f, 'h_1 &= a[\\theta_{10}'), ln(f, 'y = \\phi_0 + \\phi_1 h_1')],
         'notes': 'align ends with "\\\\" before \\end{align}'},
        {'id': 'template', 'form': 'template', 'symbolic': True, 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': None, 'layers': 1,
         'lines': [ln(f, 'h_d = a[\\theta_{d0}'), ln(f, '\\sum\\limits_{d=0}^D')]},
        {'id': 'units-1-4-2', 'form': 'scalar', 'inputs': ['x'], 'outputs': ['y_1', 'y_2'], 'hidden_units': 4, 'layers': 1,
         'lines': [ln(f, 'h_1 &= a[\\theta_{10}', 2), ln(f, 'y_2 &= \\phi_{20}')],
         'notes': 'rows end "], \\\\" and ". \\\\" (punctuation before the row break); new network reusing h_1..h_3'},
    ],
    'real_mistakes': [
        {'line': ln(f, '\\sum\\limits_{d=0}^D'), 'kind': 'sum-from-zero', 'description': 'y = \\phi_0 + \\sum_{d=0}^D \\phi_d h_d counts the bias twice (the book sums from d=1)'},
    ],
    'notes': '\\sum\\limits, "\\phi_o" (letter o) in prose, $\\phi = \\{...\\}$ parameter set in prose.',
})

# ---------------------------------------------------------------- 06
f = '06-devansh-shallow-alignat.md'
docs.append({
    'file': f, 'kind': 'notes', 'source': 'Devansh personal website notes "Numerical Computation" (search-index file id 26024860781)',
    'author': 'Devansh',
    'networks': [
        {'id': 'template', 'form': 'template', 'symbolic': True, 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': None, 'layers': 1,
         'lines': [ln(f, 'h_d = a[\\theta_{d0} + \\theta_{d1}x],'), ln(f, '\\sum\\limits_{d=1}^{D}')]},
        {'id': 'units-1-4-2', 'form': 'scalar', 'inputs': ['x'], 'outputs': ['y_1', 'y_2'], 'hidden_units': 4, 'layers': 1,
         'lines': [ln(f, 'h_1 &= a[\\theta_{10}'), ln(f, 'y_2 &= \\phi_{20}')],
         'notes': 'two separate alignat* blocks ({4} and {2}) with an image between; "4 hidden layers" in the prose means 4 hidden units'},
        {'id': 'template-2-input', 'form': 'template', 'symbolic': True, 'inputs': ['x_1', 'x_2'], 'outputs': [], 'hidden_units': None, 'layers': 1,
         'lines': [ln(f, 'h_d = a[\\theta_{d0} + \\theta_{d1}x_1'), ln(f, 'h_d = a[\\theta_{d0} + \\theta_{d1}x_1')]},
    ],
    'notes': '$$ ... $$ on one line with spaces inside; \\phi_dh_d (no space); ${\\bf y}$ old-style bold in prose.',
})

# ---------------------------------------------------------------- 07
f = '07-blog-intuition-deep-prime.md'
docs.append({
    'file': f, 'kind': 'blog', 'source': 'Hugo blog post "Intuition for deep neural networks" (2024-04-13, draft) (search-index file id 48387534775)',
    'author': 'unknown',
    'networks': [
        {'id': 'net1', 'form': 'scalar', 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': 3, 'layers': 1,
         'lines': [ln(f, '$$h_1 = a[\\theta_{10}'), ln(f, '$$y = \\phi_0 + \\phi_1 h_1')]},
        {'id': 'net2-as-written', 'form': 'scalar', 'inputs': ['x'], 'outputs': ["y'"], 'hidden_units': 3, 'layers': 1,
         'lines': [ln(f, '$$h_1^\\prime = a['), ln(f, '$$y^\\prime = \\phi_0^\\prime')],
         'notes': 'primes written ^\\prime after the subscript; as written it reads x (the prose says it takes y)'},
        {'id': 'substitution', 'form': 'chain', 'inputs': ['x'], 'outputs': [], 'hidden_units': 3, 'layers': 2,
         'lines': [ln(f, '$$h^\\prime_1 = a[\\theta^\\prime_{10}'), ln(f, '$$h^\\prime_3 = a[\\theta^\\prime_{30}')],
         'notes': 'chained equality whose left member reads x instead of y; cannot hold as written'},
        {'id': 'deep', 'form': 'scalar', 'inputs': ['x'], 'outputs': ["y'"], 'hidden_units': 6, 'layers': 2,
         'lines': [ln(f, '$$h_1 = a[\\theta_{10}', 2), ln(f, '$$y^\\prime = \\phi^\\prime_0')],
         'notes': 'psi never defined; one $$...$$ per equation with blank lines between'},
    ],
    'real_mistakes': [
        {'line': ln(f, '$$h_1^\\prime = a['), 'kind': 'composed-reads-x', 'description': "second network's h'_1 reads x instead of y"},
        {'line': ln(f, '$$h_2^\\prime = a['), 'kind': 'composed-reads-x', 'description': "h'_2 reads x instead of y"},
        {'line': ln(f, '$$h_3^\\prime = a['), 'kind': 'composed-reads-x', 'description': "h'_3 reads x instead of y"},
        {'line': ln(f, '$$h^\\prime_1 = a[\\theta^\\prime_{10}'), 'kind': 'chain-does-not-hold', 'description': "a[θ'_10 + θ'_11 x] = a[θ'_10 + θ'_11 φ_0 + …]: the substitution only holds with y, not x"},
        {'line': ln(f, '$$h^\\prime_2 = a[\\theta^\\prime_{20}'), 'kind': 'chain-does-not-hold', 'description': 'same, unit 2'},
        {'line': ln(f, '$$h^\\prime_3 = a[\\theta^\\prime_{30}'), 'kind': 'chain-does-not-hold', 'description': 'same, unit 3'},
        {'line': ln(f, '\\psi_{33} h_3 $$'), 'kind': 'unbalanced-bracket', 'description': "h'_3 = a[\\psi_{30} + ... + \\psi_{33} h_3 $$ : closing ] missing (the restatement later in the post has it)"},
    ],
    'notes': 'Written with ^\\prime primes in both orders (h_1^\\prime and h^\\prime_1).',
})

# ---------------------------------------------------------------- 08
f = '08-lei-ft5011-nested.md'
docs.append({
    'file': f, 'kind': 'blog', 'source': 'Hugo PaperMod blog post "Core Takeaways From the First FT5011 Lecture" (2026-01-18) (search-index file id 29984342965)',
    'author': 'Lei',
    'networks': [
        {'id': 'nested-as-written', 'form': 'nested', 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': 3, 'layers': 1,
         'lines': [ln(f, 'y = f[x, \\phi]  \\\\'), ln(f, '= \\phi_0 + \\phi_1a[\\theta_{10}')],
         'notes': 'chain split by "\\\\" inside $$ with no environment; the second line starts with "="'},
        {'id': 'nested-restated-wrong', 'form': 'nested', 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': 3, 'layers': 1,
         'lines': [ln(f, 'y = f[x, \\phi]  \\\\', 2), ln(f, '= \\phi_0 + \\phi_1a[\\theta_{10}', 2)]},
        {'id': 'nested-third', 'form': 'nested', 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': 3, 'layers': 1, 'restates': 'nested-as-written',
         'lines': [ln(f, 'y = f[x, \\phi]  \\\\', 3), ln(f, '= \\phi_0 + \\phi_1a[\\theta_{10}', 3)]},
    ],
    'real_mistakes': [
        {'line': ln(f, '= \\phi_0 + \\phi_1a[\\theta_{10}'), 'kind': 'nested-repeated-weight', 'description': 'φ_1 used for all three hidden units (should be φ_1, φ_2, φ_3)'},
        {'line': ln(f, '= \\phi_0 + \\phi_1a[\\theta_{10}', 2), 'kind': 'nested-repeated-weight', 'description': 'φ_1 three times again'},
        {'line': ln(f, '= \\phi_0 + \\phi_1a[\\theta_{10}', 2), 'kind': 'wrong-index', 'description': 'θ_10/θ_11 used inside all three activations (units 2 and 3 should read θ_20, θ_21 and θ_30, θ_31)'},
        {'line': ln(f, '= \\phi_0 + \\phi_1a[\\theta_{10}', 3), 'kind': 'nested-repeated-weight', 'description': 'φ_1 three times (third restatement)'},
        {'line': ln(f, '\\phi = \\{\\phi_1, \\phi_2, \\phi_3, \\phi_4'), 'kind': 'parameter-set', 'description': 'parameter set lists φ_1..φ_4 (should be φ_0..φ_3)'},
    ],
    'notes': 'Standalone fragments that are not networks: "$$\\phi_1a[\\theta_{10} + \\theta_{11}x]$$" (one term), "$$\\theta_{10} + \\theta_{11}x$$", "$$\\theta_{10} + \\theta_{11}x_1 + \\theta_{12}x_2 $$" (expressions without a left side).',
})

# ---------------------------------------------------------------- 09
f = '09-es-blog-redes-poco-profundas.md'
docs.append({
    'file': f, 'kind': 'blog', 'source': 'Jekyll blog post (Spanish) "Redes poco profundas", 2023-07-04 (search-index file id 52824940072)',
    'author': 'unknown',
    'networks': [
        {'id': 'units-1-3-1', 'form': 'scalar', 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': 3, 'layers': 1,
         'lines': [ln(f, 'h_1 = a[\\theta_{10}'), ln(f, '\\hspace{4cm}y')],
         'notes': 'three equations in one $$ block joined by "\\\\" without an environment; "\\hspace{4cm}y = ... \\hspace{5cm} (4)" (hand-made equation number)'},
    ],
    'notes': '$$...$$ used for inline math inside prose ($$y = f[x, \\phi]$$, $$\\phi$$, $$\\theta + \\theta x$$) - Kramdown style; these are not display blocks.',
})

# ---------------------------------------------------------------- 10
f = '10-pt-zettel-redes-profundas.md'
docs.append({
    'file': f, 'kind': 'notes', 'source': 'Obsidian/Zettelkasten note (Portuguese) on deep networks (search-index file ids 56121155497, 56151441280, 56137064586)',
    'author': 'unknown',
    'networks': [
        {'id': 'outputs-only', 'form': 'scalar', 'inputs': ['h_1', 'h_2', 'h_3', "h_1'", "h_2'", "h_3'"], 'outputs': ['y'], 'hidden_units': 0, 'layers': 0,
         'lines': [ln(f, 'y = \\phi_0 + \\phi_1h_1'), ln(f, "y = \\phi_0' +")],
         'notes': 'only the two output equations are given; hidden units are never defined'},
    ],
    'real_mistakes': [
        {'line': ln(f, "y = \\phi_0' +"), 'kind': 'left-side / wrong-prime', 'description': "second network's output written y (should be y'); y is defined twice with different right sides"},
    ],
    'notes': '"$$" opens at the end of a prose line ("com saídas:$$").',
})

# ---------------------------------------------------------------- 11
f = '11-bullet-notes-theta01.md'
docs.append({
    'file': f, 'kind': 'notes', 'source': 'short Markdown study notes "# Shallow Networks" (search-index file id 13358557827)',
    'author': 'unknown',
    'networks': [
        {'id': 'partial-1-3-1', 'form': 'scalar', 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': 3, 'layers': 1,
         'lines': [ln(f, '$y = \\phi_0'), ln(f, '$h_1 = a[')],
         'notes': 'only h_1 is defined; h_2 and h_3 are read by y but never defined (the author abbreviated)'},
    ],
    'real_mistakes': [
        {'line': ln(f, '$h_1 = a['), 'kind': 'wrong-index', 'description': '\\theta_01 for the bias of h_1 (should be \\theta_{10}); without braces LaTeX subscripts only the 0'},
        {'line': ln(f, '$h_1 = a['), 'kind': 'missing-braces', 'description': '\\theta_11x: renders θ₁1x; the index needs braces \\theta_{11}'},
    ],
})

# ---------------------------------------------------------------- 12
f = '12-ksu-cs4277-pandoc-beamer.md'
docs.append({
    'file': f, 'kind': 'slides', 'source': 'Pandoc-Markdown Beamer source "Shallow Networks", CS 4277 Deep Learning, Kennesaw State University (search-index file id 5735096481)',
    'author': 'CS 4277 course staff (probably Chris Simpkins; not certain)',
    'networks': [
        {'id': 'nested-round', 'form': 'nested', 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': 3, 'layers': 1,
         'lines': [ln(f, 'y = f(x, \\vec{\\phi}) ='), ln(f, 'y = f(x, \\vec{\\phi}) =')],
         'notes': 'activation with ROUND brackets a(...) and model f(x, \\vec{\\phi}) heading the chain'},
        {'id': 'template', 'form': 'template', 'symbolic': True, 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': None, 'layers': 1,
         'lines': [ln(f, 'h_d = a(\\theta_{d0} + \\theta_{d1}x)'), ln(f, 'y = \\phi_0 + \\sum_{d=1}^{D}')]},
        {'id': 'outputs-1-4-2', 'form': 'scalar', 'inputs': ['h_1', 'h_2', 'h_3', 'h_4'], 'outputs': ['y_1', 'y_2'], 'hidden_units': 4, 'layers': 1,
         'lines': [ln(f, 'y_1 & = \\phi_{10}'), ln(f, 'y_2 & = \\phi_{20}')],
         'notes': 'only the output layer is written ("First two layers are same as in single input/output network"): h_1..h_4 undefined on this slide'},
        {'id': 'hidden-2-3', 'form': 'scalar', 'inputs': ['x_1', 'x_2'], 'outputs': ['h_1', 'h_2', 'h_3'], 'hidden_units': 3, 'layers': 1,
         'lines': [ln(f, 'h_1 & = a(\\theta_{10} + \\theta_{11}x_1'), ln(f, 'h_3 & = a(\\theta_{30}')],
         'notes': 'only the hidden layer ("Output layer same as in single input/output network")'},
        {'id': 'template-general', 'form': 'template', 'symbolic': True, 'inputs': ['x_i'], 'outputs': ['y_j'], 'hidden_units': None, 'layers': 1,
         'lines': [ln(f, 'h_d = a(\\theta_{d0} + \\sum_{i=1}^{D_i}'), ln(f, 'y_j = \\phi_{j0}')]},
    ],
    'notes': 'Slides = "##" headings (pandoc beamer frames); math inside raw ```{=latex} fenced blocks (align*), YAML header-includes with LaTeX preamble; ' +
             ('"RelU(z)" typo in the activation definition (line ' + str(ln(f, "a(z) = RelU(z)")) + ') - a definition of the activation, not a network.'),
})

# ---------------------------------------------------------------- 13
f = '13-es-slides-topic6-transcript.md'
docs.append({
    'file': f, 'kind': 'slides', 'source': 'Markdown transcript of the Spanish lecture deck "Topic 6 - Neural Networks" (search-index file id 56365331080)',
    'author': 'unknown (Spanish-language ML course)',
    'networks': [
        {'id': 'linear', 'form': 'chain', 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': 0, 'layers': 0,
         'lines': [ln(f, '$y = \\mathrm{f}[x,\\boldsymbol\\phi]$'), ln(f, '$= \\phi_0 + \\phi_1 x$')],
         'notes': '1D linear regression y = phi_0 + phi_1 x, not a neural network (no hidden units)'},
        {'id': 'nested-slide14', 'form': 'nested', 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': 3, 'layers': 1,
         'lines': [ln(f, '$y = \\mathrm{f}[x,\\boldsymbol\\phi]$', 2), ln(f, '$= \\phi_0 + \\phi_1 \\mathrm{a}')],
         'notes': 'chain split over two consecutive $...$ lines; second starts with "="'},
        {'id': 'slide17', 'form': 'scalar', 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': 3, 'layers': 1,
         'lines': [ln(f, '$y = \\phi_0 + \\phi_1 \\mathrm{a}'), ln(f, '$h_3 = \\mathrm{a}')],
         'notes': 'nested form, then y in units, then the units (y stated BEFORE h_i) - a restatement within one slide'},
        {'id': 'slide24', 'form': 'scalar', 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': 3, 'layers': 1,
         'lines': [ln(f, '$h_1 = \\text{a}[\\theta_{10} + \\theta_{11}x]$'), ln(f, '$y = \\phi_0 + \\phi_1 h_1', 2)]},
        {'id': 'slide29-1-4-2', 'form': 'scalar', 'inputs': ['x'], 'outputs': ['y_1', 'y_2'], 'hidden_units': 4, 'layers': 1,
         'lines': [ln(f, '$h_1 = \\text{a}[\\theta_{10} + \\theta_{11}x]$', 3), ln(f, '$y_2 = \\phi_{20}')]},
        {'id': 'slide30-2-3-1', 'form': 'scalar', 'inputs': ['x_1', 'x_2'], 'outputs': ['y'], 'hidden_units': 3, 'layers': 1,
         'lines': [ln(f, '$h_1 = \\text{a}[\\theta_{10} + \\theta_{11}x_1'), ln(f, '$y = \\phi_0 + \\phi_1 h_1', 4)],
         'notes': 'slide title "Dos salidas" (two outputs) but the network has two INPUTS - title error, not a notation error'},
    ],
    'notes': 'Each slide restates the 1-3-1 network (slides 14-17, 24, 26): scoping by "## Slide N" headings. \\mathrm{a}[..] and \\text{a}[..] both used; ' +
             ('ReLU definition on line ' + str(ln(f, "\\mathrm{a}[z] = \\mathrm{ReLU}[z]")) + '; parameter set \\boldsymbol\\phi = \\{...\\} on line ' + str(ln(f, "\\boldsymbol\\phi = \\{")) + '; template + symbolic sum on slide 26.'),
})

# ---------------------------------------------------------------- 14
f = '14-folds-github-math-fences.md'
docs.append({
    'file': f, 'kind': 'notes', 'source': 'Markdown note "## Folds of a shallow NN" with GitHub ```math fences (search-index file id 60812051541)',
    'author': 'unknown',
    'networks': [
        {'id': 'as-written', 'form': 'scalar', 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': 3, 'layers': 1,
         'lines': [ln(f, '* $y = \\phi_0$'), ln(f, '* $\\phi_3 = a[')],
         'notes': 'intended network is the UDL 1-3-1 network; as written the equations define parameters phi_1..phi_3 and y = phi_0 (a constant)'},
    ],
    'real_mistakes': [
        {'line': ln(f, '* $y = \\phi_0$'), 'kind': 'missing-term', 'description': 'y = \\phi_0 alone: the terms \\phi_1 h_1 + \\phi_2 h_2 + \\phi_3 h_3 are missing'},
        {'line': ln(f, '* $\\phi_1 = a['), 'kind': 'left-side', 'description': 'left side \\phi_1 should be h_1 (hidden unit), \\phi_1 is its output weight'},
        {'line': ln(f, '* $\\phi_2 = a['), 'kind': 'left-side', 'description': 'left side \\phi_2 should be h_2'},
        {'line': ln(f, '* $\\phi_3 = a['), 'kind': 'left-side', 'description': 'left side \\phi_3 should be h_3'},
    ],
    'notes': ('```math fenced blocks (GitHub); template h_i(x) = a[\\theta_{i0}+\\theta_{i1}x] with function-call notation (line ' + str(ln(f, "h_i(x) = a[")) + '); ReLU(z) with round brackets in the activation definition.'),
})

# ---------------------------------------------------------------- 15
f = '15-kikkiz-zh-translation-ch3.md'
docs.append({
    'file': f, 'kind': 'book-translation', 'source': 'KikkiZ/udlbook, zh-CN/Chapter 3 Shallow neural networks.md (commit b2b4cf5d923b9efea25e5ba303b29d15875c1c17)',
    'author': 'KikkiZ (translator)',
    'networks': [
        {'id': 'nested-3.1', 'form': 'nested', 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': 3, 'layers': 1,
         'lines': [ln(f, 'y &= f[x, \\theta]'), ln(f, '&= \\phi_0 + \\phi_1a[')]},
        {'id': 'units-3.3-3.4', 'form': 'scalar', 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': 3, 'layers': 1,
         'lines': [ln(f, 'h_1 = a[\\theta_{10} + \\theta_{11}x]\\\\'), ln(f, 'y = \\theta_0 + \\theta_1h_1')]},
        {'id': 'template-3.5-3.6', 'form': 'template', 'symbolic': True, 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': None, 'layers': 1,
         'lines': [ln(f, 'h_d = a[\\theta_{d0} + \\theta_{d1}x]\\tag{3.5}'), ln(f, '\\phi_dh_d\\tag{3.6}')],
         'notes': '\\sum^D_{d = 1} (superscript before subscript)'},
        {'id': 'units-1-4-2', 'form': 'scalar', 'inputs': ['x'], 'outputs': ['y_1', 'y_2'], 'hidden_units': 4, 'layers': 1,
         'lines': [ln(f, 'h_1 = a[\\theta_{10} + \\theta{11}x]'), ln(f, 'y_2 = \\phi_{20}')]},
        {'id': 'units-2-3-1', 'form': 'scalar', 'inputs': ['x_1', 'x_2'], 'outputs': ['y'], 'hidden_units': 3, 'layers': 1,
         'lines': [ln(f, 'h_1 = a[\\theta_{10} + \\theta_{11}x_1'), ln(f, 'y = \\phi_0 + \\phi_1h_1 + \\phi_2h_2 + \\phi_3h_3\\tag{3.10}')],
         'params': p32, 'params_from': 'udlbook/udlbook Notebooks/Chap03/3_2_Shallow_Networks_II.ipynb (same network as book eq. 3.9-3.10)',
         'at': [{'x_1': '8', 'x_2': '8'}, {'x_1': '2', 'x_2': '1'}], 'expected': [{'y': s(y3)}, {'y': s(y4)}], 'why': [w3, w4]},
        {'id': 'template-general', 'form': 'template', 'symbolic': True, 'inputs': ['x_i'], 'outputs': ['y_j'], 'hidden_units': None, 'layers': 1,
         'lines': [ln(f, '\\tag{3.11}'), ln(f, '\\tag{3.12}')]},
    ],
    'real_mistakes': [
        {'line': ln(f, 'y &= f[x, \\theta]'), 'kind': 'model-name', 'description': 'f[x, \\theta] (the book writes f[x, \\phi]; \\phi is the parameter set)'},
        {'line': ln(f, '&= \\phi_0 + \\phi_1a['), 'kind': 'nested-repeated-weight', 'description': '\\phi_2a[\\theta_{30}...] : \\phi_2 used twice, \\phi_3 missing (should be \\phi_3a[\\theta_{30}...])'},
        {'line': ln(f, 'y = \\theta_0 + \\theta_1h_1'), 'kind': 'wrong-letter', 'description': 'output weights written \\theta_0..\\theta_3 (should be \\phi_0..\\phi_3); \\theta with one index'},
        {'line': ln(f, 'h_1 = a[\\theta_{10} + \\theta{11}x]'), 'kind': 'copy-paste-damage', 'description': '\\theta{11}x: the "_" is missing (renders θ11x); same on the next three lines'},
        {'line': ln(f, 'h_2 = a[\\theta_{20} + \\theta{21}x]'), 'kind': 'copy-paste-damage', 'description': '\\theta{21}x: "_" missing'},
        {'line': ln(f, 'h_3 = a[\\theta_{30} + \\theta{31}x]'), 'kind': 'copy-paste-damage', 'description': '\\theta{31}x: "_" missing'},
        {'line': ln(f, 'h_4 = a[\\theta_{40} + \\theta{41}x]'), 'kind': 'copy-paste-damage', 'description': '\\theta{41}x: "_" missing'},
    ],
    'notes': 'Several equations in one $$ block joined by "\\\\" with \\tag{3.x} at the end; CJK prose around the math; ReLU defined with \\begin{cases} and \\qquad.',
})

# ---------------------------------------------------------------- 16
f = '16-gabrielvogel-nb-ch4.md'
docs.append({
    'file': f, 'kind': 'notebook', 'source': 'GabrielVogel/Books, Understanding Deep Learning/Chapter4.ipynb (commit 991549e799728569c7c5185846b6cbb7e039ab47), markdown cell',
    'author': 'GabrielVogel',
    'networks': [
        {'id': 'net1', 'form': 'scalar', 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': 3, 'layers': 1,
         'lines': [ln(f, '  - $h_{1} = a[\\theta_{10}'), ln(f, '  - $h_{1} = a[\\theta_{10}')],
         'notes': 'four equations on ONE line: "$...$ <br> $...$ <br> ..."'},
        {'id': 'net2', 'form': 'scalar', 'inputs': ['y'], 'outputs': ["y'"], 'hidden_units': 3, 'layers': 1, 'composes_with': 'net1',
         'lines': [ln(f, "  -  - $h_{1}' = a["), ln(f, "  -  - $h_{1}' = a[")]},
        {'id': 'matrix', 'form': 'matrix', 'inputs': ['x'], 'outputs': ["y'"], 'hidden_units': 6, 'layers': 2,
         'lines': [ln(f, '- $\\begin{bmatrix} h_1 \\\\ h_2'), ln(f, "- $y' = \\phi_{0}' + \\begin{bmatrix}")],
         'notes': '"$\\begin{bmatrix}...\\end{bmatrix}$ = $a[...]$": the "=" is prose between two math spans; the psi matrix spans three lines inside one $...$'},
        {'id': 'vector-names', 'form': 'matrix-names', 'symbolic': True, 'inputs': ['x'], 'outputs': ["y'"], 'hidden_units': None, 'layers': 2,
         'lines': [ln(f, '  - $h = a[\\theta_{0} + \\theta x]$'), ln(f, "  - $y' = \\phi_{0}' + \\phi'h'$")],
         'notes': 'vector names without bold: h, \\theta_{0}, \\theta, \\Psi, \\phi\''},
        {'id': 'general', 'form': 'general', 'symbolic': True, 'inputs': [], 'outputs': [], 'hidden_units': None, 'layers': 'k',
         'lines': [ln(f, '$h_{k} = a[\\Beta_{k-1}'), ln(f, '$h_{k} = a[\\Beta_{k-1}')]},
    ],
    'real_mistakes': [
        {'line': ln(f, "\\theta_{31'}y"), 'kind': 'wrong-prime', 'description': "\\theta_{31'}: prime inside the subscript (should be \\theta_{31}' like the others)"},
        {'line': ln(f, '$h_{k} = a[\\Beta_{k-1}'), 'kind': 'unknown-command', 'description': '\\Beta is not a LaTeX command (capital beta is B); the book writes \\boldsymbol\\beta_{k-1}'},
        {'line': ln(f, 'as $\\Beta_{k}$'), 'kind': 'unknown-command', 'description': '\\Beta_{k} in prose math'},
        {'line': ln(f, '$\\Beta_{k-1}$ size'), 'kind': 'unknown-command', 'description': '\\Beta_{k-1} in prose math'},
    ],
    'notes': 'Markdown list items with nested "-  - "; <br> joins equations inside one list item.',
})

# ---------------------------------------------------------------- 17
f = '17-oracle-puzzle-worked-example.md'
tho = [(F('0.5'), F('1.0')), (F('-1.0'), F('1.5')), (F('2.0'), F('-0.5'))]
pho = [F('0.25'), F('0.8'), F('-0.3'), F('1.2')]
yo, ho = shallow([F(2)], tho, pho)
docs.append({
    'file': f, 'kind': 'exercise', 'source': 'Markdown puzzle "The Oracle\'s Hidden Layer" (search-index file id 58546130915)',
    'author': 'unknown',
    'params': {'phi_0': '0.25', 'phi_1': '0.8', 'phi_2': '-0.3', 'phi_3': '1.2', 'theta_10': '0.5', 'theta_11': '1.0',
               'theta_20': '-1.0', 'theta_21': '1.5', 'theta_30': '2.0', 'theta_31': '-0.5'},
    'at': {'x': '2'}, 'expected': {'y': s(yo), 'h_1': s(ho[0]), 'h_2': s(ho[1]), 'h_3': s(ho[2]), 'z_1': '5/2', 'z_2': '2', 'z_3': '1'},
    'why': 'z_1 = 1/2 + 1*2 = 5/2, z_2 = -1 + 3/2*2 = 2, z_3 = 2 - 1/2*2 = 1 (all positive, so h_i = z_i); y = 1/4 + 4/5*5/2 - 3/10*2 + 6/5*1 = 1/4 + 2 - 3/5 + 6/5 = 57/20 (2.85)',
    'networks': [
        {'id': 'net-with-preactivations', 'form': 'scalar', 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': 3, 'layers': 1,
         'lines': [ln(f, '$$z_1 = \\theta_{10}'), ln(f, '$$y = \\phi_0 + \\phi_1 h_1')],
         'notes': 'pre-activations z_i are separate linear (activation-free) variables, h_i = a[z_i]: netform must treat z_i as intermediate units, not as a layer of their own (or report that it does)'},
    ],
    'notes': ('Parameter values are given as display math on lines ' + str(ln(f, "$$\\phi_0 = 0.25")) + '-' + str(ln(f, "$$\\theta_{30} = 2.0")) + ' ("name = value, \\quad name = value"); input value on line ' + str(ln(f, "$$x = 2$$")) + ' ($$x = 2$$ is an input value, not an equation of the network); ') +
             ('"h_1 = a[z_1], \\quad h_2 = ..." on line ' + str(ln(f, "$$h_1 = a[z_1]")) + '.'),
})

# ---------------------------------------------------------------- 18
f = '18-zh-ch4-translation-nested-matrix.md'
docs.append({
    'file': f, 'kind': 'book-translation', 'source': 'Chinese translation of UDL ch. 4 pp. 60-62 (search-index file id 68677565032)',
    'author': 'unknown translator (text carries the book\'s CC-BY-NC-ND licence line)',
    'networks': [
        {'id': 'nested-4.10', 'form': 'nested', 'inputs': ['x'], 'outputs': ["y'"], 'hidden_units': 6, 'layers': 2,
         'lines': [ln(f, "y' =\\ & \\phi'_0"), ln(f, "& + \\phi'_3 a\\big[")],
         'params': dict(list(n1.items())[:6] + list(psi_s.items()) + list(n2.items())[6:]),
         'params_from': 'same values as 02-book-ch4 deep-1-3-3-1 (book notebook 4.1 with derived psi); the translation itself gives no values',
         'at': [{'x': '-1/2'}, {'x': '9/10'}], 'expected': [{"y'": s(ypa)}, {"y'": s(ypb)}], 'why': [wa, wb],
         'notes': 'outer brackets \\big[ ... \\big], inner [ ]; "y\' =\\ &" alignment; equation number (4.10) as prose after $$'},
        {'id': 'matrix-4.11-4.13', 'form': 'matrix', 'inputs': ['x'], 'outputs': ["y'"], 'hidden_units': 6, 'layers': 2,
         'lines': [ln(f, '\\begin{bmatrix}', 1), ln(f, '\\quad\\text{(4.13)}')]},
    ],
    'real_mistakes': [
        {'line': ln(f, '\\mathbf{h}_1 \\\\'), 'kind': 'bold-entry', 'description': 'rows of the hidden vector written bold \\mathbf{h}_1 (scalar entries; the book writes h_1)'},
        {'line': ln(f, 'a\\left(', 1), 'kind': 'activation-parentheses', 'description': 'a\\left( ... \\right) instead of a[...] (book: \\mbox{\\bf a}\\left[...\\right])'},
        {'line': ln(f, '\\boldsymbol{\\theta}_{10} \\\\'), 'kind': 'bold-entry', 'description': 'matrix entries \\boldsymbol{\\theta}_{10} etc. bold (scalars)'},
        {'line': ln(f, '\\mathbf{x}', 2), 'kind': 'bold-entry', 'description': 'scalar input x written \\mathbf{x}'},
        {'line': ln(f, "\\mathbf{y}' = \\phi'\\!\\left("), 'kind': 'activation-on-output', 'description': "y' = \\phi'( ... ): the output layer is wrapped in \\phi'(...) as if it were an activation (book: y' = \\phi'_0 + [\\phi'_1 \\phi'_2 \\phi'_3][h'_1; h'_2; h'_3]); y' written bold"},
    ],
    'notes': 'Equation numbers as ",\\quad\\text{(4.11)}" inside the display. Page-header residue lines are prose.',
})

# ---------------------------------------------------------------- 19
f = '19-jaywaves-til-mathrm.md'
docs.append({
    'file': f, 'kind': 'notes', 'source': 'TIL note, image at http://oss.jay-waves.cn/til/shallow-neural-network.avif (search-index file id 55873871387)',
    'author': 'jay-waves (probable)',
    'networks': [
        {'id': 'units-1-3-1', 'form': 'scalar', 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': 3, 'layers': 1,
         'lines': [ln(f, 'y & = f[x,\\phi ]'), ln(f, 'h_{3} & =\\mathrm{a}')],
         'notes': 'output equation (headed by y = f[x,\\phi] = ...) stated BEFORE the hidden units; align ending "\\\\" before \\end{align}'},
    ],
    'notes': '$$\\begin{align}...\\end{align}$$ with $$ on the same line as \\begin/\\end; \\DeclareMathOperator in its own $$ block; \\Vec{y}; ReLU defined as \\mathrm{a}[x]=\\mathrm{ReLU}[x] (argument named x!) - an activation definition that must not be read as a unit.',
})

# ---------------------------------------------------------------- 20
f = '20-week02-report-ponikarov.md'
docs.append({
    'file': f, 'kind': 'notes', 'source': 'seminar report "Report – Week 02: Shallow & Deep Neural Networks" (27.10.2025) (search-index file id 1615182120)',
    'author': 'Antonia Ponikarov',
    'networks': [
        {'id': 'nested-1-3-1', 'form': 'nested', 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': 3, 'layers': 1,
         'lines': [ln(f, '$$y = f[x,\\mathbf{\\phi}] ='), ln(f, '$$y = f[x,\\mathbf{\\phi}] =')],
         'notes': '"\\text{a} [" with a space before the bracket; model name f[x,\\mathbf{\\phi}] heads the chain'},
        {'id': 'unit-inline', 'form': 'scalar', 'inputs': ['x'], 'outputs': ['h_1'], 'hidden_units': 1, 'layers': 1,
         'lines': [ln(f, 'for example $h_1=\\text{a}'), ln(f, 'for example $h_1=\\text{a}')],
         'notes': 'one unit given inline in prose as an example; restates part of the nested network'},
        {'id': 'templates', 'form': 'template', 'symbolic': True, 'inputs': ['x_i'], 'outputs': ['y_j'], 'hidden_units': None, 'layers': 1,
         'lines': [ln(f, '$$\\displaystyle y_j'), ln(f, '$$\\displaystyle h_d')],
         'notes': 'output template given BEFORE the hidden-unit template'},
        {'id': 'output-only', 'form': 'scalar', 'inputs': ["h'_1", "h'_2", "h'_3"], 'outputs': ["y'"], 'hidden_units': 0, 'layers': 0,
         'lines': [ln(f, "$$y' = \\phi'_0"), ln(f, "$$y' = \\phi'_0")],
         'notes': "y' of the deep network alone (h'_i only described in prose/figures)"},
        {'id': 'general-K', 'form': 'general', 'symbolic': True, 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': None, 'layers': 'K',
         'lines': [ln(f, '\\mathbf{h}_1 &= \\mathbf{a}[\\mathbf{\\beta}_0'), ln(f, '\\mathbf{y} &= \\mathbf{\\beta}_K')],
         'notes': 'rows end with "\\\\\\\\" (four backslashes = two row breaks, i.e. an empty row between equations); \\mathbf{\\beta} (renders non-bold in MathJax)'},
    ],
    'real_mistakes': [
        {'line': ln(f, '\\mathbf{\\phi]}'), 'kind': 'brace-slip', 'description': '$\\textbf{f} [\\textbf{x}, \\mathbf{\\phi]}$: the closing "]" is inside the \\mathbf{...} group (should be \\mathbf{\\phi}])'},
    ],
    'notes': 'Prose-heavy report; $\\mathbf{\\phi} = \\{...\\}.$ parameter set ending with "." inside the math.',
})

# ---------------------------------------------------------------- 21
f = '21-org-roam-shallow.txt'
docs.append({
    'file': f, 'kind': 'notes', 'source': 'org-roam note "#+title: Shallow Neural Networks" (opening only, from the code search index; repository not named)',
    'author': 'unknown',
    'networks': [
        {'id': 'nested-as-written', 'form': 'nested', 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': 3, 'layers': 1,
         'lines': [ln(f, '\\begin{equation}') + 1, ln(f, '+ \\phi_3 + a[')],
         'notes': 'one term per line inside \\begin{equation}; continuation lines start with "+"'},
    ],
    'real_mistakes': [
        {'line': ln(f, '+ \\phi_3 + a['), 'kind': 'stray-operator', 'description': '"+ \\phi_3 + a[\\theta_{30}+\\theta_{31}x]": a "+" between \\phi_3 and a[...] (should be \\phi_3 a[...]); as written phi_3 is a second constant term and unit 3 has weight 1'},
    ],
    'notes': 'Org-mode (:PROPERTIES: drawer, "* " headings, "#+title:") - neither Markdown nor LaTeX; header comment lines start with "%".',
})

# ---------------------------------------------------------------- 22
f = '22-subhaditya-composing-psi.md'
docs.append({
    'file': f, 'kind': 'notes', 'source': 'https://publish.obsidian.md/subhaditya/KB/AI/Machine+Learning/Training/Composing+shallow+neural+networks+to+get+deep+networks',
    'author': 'Subhaditya Mukherjee',
    'networks': [],
    'definitions': {'lines': [ln(f, '$$\\psi_{10}='), ln(f, '$$\\psi_{10}=')],
                    'defines': ['psi_10', 'psi_11', 'psi_12'],
                    'notes': 'three psi definitions in one $$...$$ separated by "," and ending with "..." - no network equation in the text (they are in images)'},
    'notes': 'A document whose only math is parameter definitions: netform should report "no network; 3 parameter definitions read" (not an error, not silence).',
})


# ---------------------------------------------------------------- 23
f = '23-urjc-apuntes-redes-profundas.md'
docs.append({
    'file': f, 'kind': 'notes', 'source': 'Spanish study notes "Aprendizaje Automático II · Grado en IA · Universidad Rey Juan Carlos" (search-index file id 54739056525)',
    'author': 'unknown student (URJC course)',
    'networks': [
        {'id': 'recap-1-3-1', 'form': 'scalar', 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': 3, 'layers': 1,
         'lines': [ln(f, '$$h_1 = a[\\theta_{10} + \\theta_{11},x]$$ $$h_2'), ln(f, '$$h_1 = a[\\theta_{10} + \\theta_{11},x]$$ $$h_2')],
         'notes': 'four display blocks on one line'},
        {'id': 'net1', 'form': 'scalar', 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': 3, 'layers': 1,
         'lines': [ln(f, '**Red 1** (entrada'), ln(f, '**Red 1** (entrada')], 'notes': 'three units in one $$ joined by ", \\quad", then y in the next $$ on the same line, after prose'},
        {'id': 'net2', 'form': 'scalar', 'inputs': ['y'], 'outputs': ["y'"], 'hidden_units': 3, 'layers': 1, 'composes_with': 'net1',
         'lines': [ln(f, '**Red 2** (entrada'), ln(f, '**Red 2** (entrada')]},
        {'id': 'substitution', 'form': 'chain', 'inputs': [], 'outputs': [], 'hidden_units': 3, 'layers': 2,
         'lines': [ln(f, "$$\\theta_{10}' + \\theta_{11}' y ="), ln(f, 'Entonces las unidades ocultas de la Red 2')],
         'notes': "first a chain of pre-activation EXPRESSIONS with no unit on the left (θ'_10 + θ'_11 y = ... continued by \"$$= (...)\"), then h'_i in terms of h_j"},
        {'id': 'deep-psi', 'form': 'scalar', 'inputs': ['h_1', 'h_2', 'h_3'], 'outputs': ["y'"], 'hidden_units': 3, 'layers': 1,
         'lines': [ln(f, "$$h_1' = a[\\psi_{10}"), ln(f, "$$y' = \\phi_0' + \\phi_1' h_1'", 1, after=ln(f, "$$h_1' = a[\\psi_{10}"))],
         'notes': 'psi defined inline before it ("Renombramos los parámetros: ..., etc.": 4 of 12 definitions); with net1 this is the 1-3-3-1 network'},
        {'id': 'nested', 'form': 'nested', 'inputs': ['x'], 'outputs': ["y'"], 'hidden_units': 6, 'layers': 2,
         'lines': [ln(f, 'Combinando todo en una sola ecuación'), ln(f, 'Combinando todo en una sola ecuación')],
         'notes': 'one nested equation spread over three $$ blocks on one line; blocks 2 and 3 start with "\\quad +"'},
        {'id': 'matrix', 'form': 'matrix', 'inputs': ['x'], 'outputs': ["y'"], 'hidden_units': 6, 'layers': 2,
         'lines': [ln(f, '$$\\begin{bmatrix} h_1 \\ h_2'), ln(f, "$$y' = \\phi_0' + [\\phi_1';")],
         'notes': 'each line ends "\\quad \\Longrightarrow \\quad" followed by the general-form name equation'},
        {'id': 'general-K', 'form': 'general', 'symbolic': True, 'inputs': ['x'], 'outputs': ['y'], 'hidden_units': None, 'layers': 'K',
         'lines': [ln(f, '$$\\mathbf{h}_1 = a[\\boldsymbol{\\beta}_0'), ln(f, '$$\\mathbf{y} = \\boldsymbol{\\beta}_K + \\boldsymbol{\\Omega}_K, a!')]},
    ],
    'real_mistakes': [
        {'line': ln(f, '$$h_1 = a[\\theta_{10} + \\theta_{11},x]$$ $$h_2'), 'kind': 'damaged', 'description': '"\\theta_{11},x": the backslash of the thin space "\\," was lost (three times on the line)'},
        {'line': ln(f, '\\begin{cases} 0 & z < 0 \\ z'), 'kind': 'lost-row-break', 'description': 'cases row break "\\\\" reduced to "\\ " (a control space): the two cases run into one row'},
        {'line': ln(f, '**Red 1** (entrada'), 'kind': 'damaged', 'description': '",x" for "\\,x" three times'},
        {'line': ln(f, '**Red 2** (entrada'), 'kind': 'damaged', 'description': "\",y\" for \"\\,y\" three times"},
        {'line': ln(f, '$$h_1 = a[\\theta_{10} + \\theta_{11},x], \\quad'), 'kind': 'damaged', 'description': '",x" for "\\,x" (section 2.8)'},
        {'line': ln(f, '$$\\begin{bmatrix} h_1 \\ h_2'), 'kind': 'lost-row-break', 'description': '"h_1 \\ h_2 \\ h_3": row breaks became control spaces (1x3 row instead of a 3x1 column); "\\theta_{10}\\\\theta_{20}\\\\theta_{30}": the issue\'s lost-row-break pattern (read as \\\\ + "theta"); "a!\\left(" for "a\\!\\left(" with round brackets; ", \\mathbf{x}" for "\\,\\mathbf{x}"'},
        {'line': ln(f, "$$\\begin{bmatrix} h_1' \\ h_2'"), 'kind': 'lost-row-break', 'description': 'same damage in the psi layer: "\\psi_{13}\\\\psi_{21}" etc., "h_1\' \\ h_2\' \\ h_3\'"'},
        {'line': ln(f, "$$y' = \\phi_0' + [\\phi_1';"), 'kind': 'matrix-notation', 'description': "row vector written [\\phi_1'; \\phi_2'; \\phi_3'] (semicolons, not a bmatrix) times a 1x3 'column' whose row breaks were lost; \", \\mathbf{h}'\" for \"\\,\\mathbf{h}'\""},
        {'line': ln(f, '$$\\mathbf{h}_1 = a[\\boldsymbol{\\beta}_0'), 'kind': 'damaged', 'description': '", \\mathbf{x}", ", \\mathbf{h}_1", ...: "\\," lost its backslash in every general-form equation'},
        {'line': ln(f, '$$\\mathbf{y} = \\boldsymbol{\\beta}_K + \\boldsymbol{\\Omega}_K, a!'), 'kind': 'damaged', 'description': '"a!\\Big[" for "a\\!\\Big["; ", a\\big[" for "\\,a\\big["'},
    ],
    'notes': 'A document where the LaTeX lost backslashes in export (a realistic copy-paste damage pattern distinct from oldsymbol{eta}). '
             'The scalar equations are otherwise correct and restate the same networks several times.',
})

if __name__ == '__main__':
    if '--netform' in sys.argv:
        for d in docs:
            path = os.path.join(HERE, d['file'])
            lines = text(d['file'])
            # same text with the header comment blanked (line numbers kept)
            end = next((i for i, l in enumerate(lines) if l.strip() == '-->'), None)
            if d['file'].endswith('.md') and end is not None:
                stripped = [''] * (end + 1) + lines[end + 1:]
            else:
                stripped = ['' if l.startswith('%') else l for l in lines]
            tmp = '/tmp/netform-corpus-' + d['file']
            with open(tmp, 'w', encoding='utf-8') as fh:
                fh.write('\n'.join(stripped))
            today = {}
            for cmd, p in (('convert', d['file']), ('convert_without_header', tmp), ('check', d['file'])):
                c = 'check' if cmd == 'check' else 'convert'
                r = subprocess.run([NETFORM, c, p], capture_output=True, text=True, timeout=60, cwd=HERE)
                out = (r.stdout + r.stderr).replace(tmp, d['file'])
                first = next((l for l in out.splitlines() if l.startswith(('error', 'warning'))), '')
                loc = next((l.strip() for l in out.splitlines() if l.strip().startswith('┌─')), '')
                summary = next((l for l in reversed(out.splitlines()) if 'error' in l and 'warning' in l), '') if c == 'check' else ''
                today[cmd] = {'exit': r.returncode, 'first': (first + ' ' + loc).strip()}
                if summary:
                    today[cmd]['summary'] = summary.strip()
                if c == 'check' and 'no findings' in out:
                    today[cmd]['summary'] = 'no findings'
            d['netform_today'] = today
    out = {
        'description': 'Real public documents in the Understanding Deep Learning (Prince 2023) network notation, for netform tests (issues 11 and 13). Built by make_manifest.py.',
        'conventions': {
            'lines': '1-based, inclusive, in the file as stored here (header comment included); first and last line of the network\'s equations',
            'layers': 'number of hidden layers (0 for output-only fragments); "K"/"k" when symbolic',
            'hidden_units': 'total hidden units over all layers; null for symbolic templates',
            'form': 'scalar | nested | chain | matrix | matrix-names | general | template',
            'restates': 'id of an earlier network in the same document that this block restates (must agree, not be reported as redefinition)',
            'composes_with': 'id of the network whose output this one reads',
            'params/at/expected': 'on the network when values apply to one network (documents 01, 02, 15, 18 use the book notebooks\' values), on the document when the text itself gives them (17). Values are exact strings as written; 0.65 is 13/20. On a network, at/expected/why are parallel LISTS (one item per evaluation point); on a document they are single objects.',
            'real_mistakes': 'genuine notation mistakes in the published text (not planted): check should find them',
            'netform_today': 'what target/debug/netform did on the file when the manifest was built (see netform_binary): convert on the file, convert on the same text with the header comment blanked, check; "first" is the first error/warning line and its location',
        },
        'netform_binary': ({'built': __import__('time').strftime('%Y-%m-%d %H:%M UTC', __import__('time').gmtime(os.path.getmtime(NETFORM))),
                            'manifest_written': __import__('time').strftime('%Y-%m-%d %H:%M UTC', __import__('time').gmtime())}
                           if '--netform' in sys.argv else None),
        'related': 'planted/manifest.json (planted mistakes), score.py (recall / false alarms of netform check over this corpus)',
        'documents': docs,
    }
    with open(os.path.join(HERE, 'manifest.json'), 'w', encoding='utf-8') as fh:
        json.dump(out, fh, ensure_ascii=False, indent=1)
        fh.write('\n')
    print(len(docs), 'documents')
