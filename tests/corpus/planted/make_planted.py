#!/usr/bin/env python3
"""Builds tests/corpus/planted/*.{md,tex} and planted/manifest.json.

Each planted file is a copy of a CORRECT document (a corpus document's body, or a netform
example / netform output kept in planted/bases/) with in-line substitutions.  Every
substitution is one planted mistake on its own line; line numbers in the manifest are
computed here (header length + line in the base) and re-checked: the planted line must
contain the new text, and the base line the old text.
"""
import json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.dirname(HERE)

def read(path):
    with open(path, encoding='utf-8') as fh:
        return fh.read().split('\n')

def body_of_corpus(name):
    """Lines of a corpus document without its source header comment."""
    lines = read(os.path.join(CORPUS, name))
    if lines[0].startswith('<!--'):
        end = next(i for i, l in enumerate(lines) if l.strip() == '-->')
        return lines[end + 1:]
    k = 0
    while lines[k].startswith('%'):
        k += 1
    return lines[k:]

def body_of_base(name):
    return read(os.path.join(HERE, 'bases', name))

FILES = []

def planted(out, base_kind, base, source, ops):
    FILES.append((out, base_kind, base, source, ops))

# op = (needle, n, old, new, kind, description): in the n-th base line containing `needle`
# (needle None = old), replace the first `old` by `new`.

planted('p01-book-ch3.md', 'corpus', '01-book-ch3-shallow-eqnarray.md', 'corpus 01 (book LaTeX, ch. 3)', [
    (r'h_{2} &=& \mbox{a}[\theta_{20} + \theta_{21}x] \nonumber', 1, r'\theta_{21}x]', r'\theta_{11}x]', 'index', 'h_2 reads x through theta_11 (belongs to h_1); should be theta_21'),
    (r' y = \phi_{0}+\phi_{1}h_{1}', 1, r'\phi_{1}h_{1}+', r'\phi_{1}h_{1}+\phi_{1}h_{1}+', 'duplicate-term', 'the term phi_1 h_1 appears twice in y'),
    (r'y_2 &=& \phi_{20}', 1, r'+\phi_{23}h_{3}', '', 'missing-term', 'y_2 has no term in h_3 (phi_23 h_3 dropped)'),
    (r'h_{4} &=& \mbox{a}[\theta_{40}', 1, r'h_{4} &=&', r'h_{3} &=&', 'left-side', 'fourth row defines h_3 again; its weights theta_40, theta_41 belong to h_4'),
    (r'h_{2} &=& \mbox{a}[\theta_{20} + \theta_{21}x_1', 1, r'\theta_{22}x_2]', r'\theta_{21}x_2]', 'index', 'theta_21 where theta_22 belongs (weight from x_2 to h_2); theta_21 now appears twice'),
    (r'&=&\phi_{0}+\phi_{1}\mbox{a}', 1, r'\mbox{a}[\theta_{30} + \theta_{31}x].', r'\mbox{a}\left(\theta_{30} + \theta_{31}x\right).', 'activation-parens', 'a\\left(...\\right) instead of a[...] for the third unit in the nested equation'),
])

planted('p02-book-ch4.md', 'corpus', '02-book-ch4-deep-eqnarray.md', 'corpus 02 (book LaTeX, ch. 4)', [
    (r"h'_{2} &=& \mbox{a}[\theta'_{20}", 1, r"\theta'_{21}y]", r"\theta'_{21}x]", 'composed-reads-x', "second network's h'_2 reads x instead of y (network 1's output)"),
    (r"y' = \phi'_{0}+\phi'_{1}h'_{1}", 1, r"\phi'_{1}h'_{1}", r"\phi'_{1}h_{1}", 'prime', "y' reads h_1 (network 1) where h'_1 belongs"),
    (r"h'_{2} &= \quad\mbox{a}", 1, r"\theta'_{21}\phi_{2}h_{2}", r"\theta'_{21}\phi_{3}h_{2}", 'chain', "substitution does not hold: theta'_21 phi_3 h_2 (y contributes phi_2 h_2)"),
    (r"h'_{2} &=& \mbox{a}[\psi_{20}", 1, r"\psi_{23}h_{3}", r"\psi_{32}h_{3}", 'index', "psi_32 in h'_2 where psi_23 belongs (indices swapped)"),
    (r"&&\hspace{0.55cm}+\phi'_{3}", 1, r"+\phi'_{3}\mbox{a}[\psi_{30}", r"+\phi'_{2}\mbox{a}[\psi_{30}", 'nested-repeated-weight', "nested equation: phi'_2 weights both the second and the third unit; phi'_3 missing"),
    (r"=\mbox{\bf a}\left[\begin{bmatrix}\psi_{10}", 1, r"\psi_{31} &\psi_{32} & \psi_{33}", r"\psi_{31} &\psi_{32}", 'matrix-ragged-row', 'third row of the 3x3 psi matrix has two entries'),
])

planted('p03-k78ma-composing.md', 'corpus', '03-k78ma-composing-networks.md', 'corpus 03 (k78ma notes)', [
    (r'h_{3}= a[\theta_{30}+\theta_{31}x]', 1, r'h_{3}=', r'h_{2}=', 'left-side', 'third row defines h_2 again (weights theta_30, theta_31 belong to h_3)'),
    (r"h_{2}'= a[\theta_{20}'+\theta_{21}'y] \\", 1, r"\theta_{21}'y", r"\theta_{21}y", 'prime', "theta_21 without its prime in network 2"),
    (r"y'=\phi_{0}'+\phi_{1}'h_{1}'", 1, r"+\phi_{3}'h_{3}'", r"+\phi_{3}'h_{3}'+\phi_{3}'h_{3}'", 'duplicate-term', "phi'_3 h'_3 appears twice in y'"),
    (r"h_{2}'= a[\theta_{20}'+\theta_{21}'y] = a[", 1, r"\theta'_{21}\phi_{1}h_{1}", r"\theta'_{21}\phi_{1}h_{2}", 'chain', "substitution does not hold: theta'_21 phi_1 multiplies h_2 (should be h_1)"),
    (r"h_{3}'=a[\psi_{30}", 1, r"+\psi_{32}h_{2}", '', 'missing-term', "h'_3 has no term in h_2 (psi_32 h_2 dropped)"),
    (r'\psi_{21} & \psi_{22} & \psi_{23} \\', 1, r'\psi_{23} \\', r'\psi_{23} & \psi_{24} \\', 'matrix-ragged-row', 'second row of the psi matrix has four entries (psi_24 does not exist)'),
])

planted('p04-devansh-alignat.md', 'corpus', '06-devansh-shallow-alignat.md', 'corpus 06 (Devansh notes)', [
    (r'y_1 &= \phi_{10}', 1, r'\phi_{13}h_3', r'\phi_{13}h_4', 'index', 'phi_13 multiplies h_4 (should be h_3); h_4 read twice, h_3 not at all by y_1'),
    (r'h_2 &= a[\theta_{20}', 1, r'x]\\', 'x]', 'lost-row-break', 'the row break "\\\\" after h_2 is lost: h_2 and h_3 run into one row'),
    (r'y_2 &= \phi_{20}', 1, r'y_2 &= \phi_{20}', r'y_2 &= \phi_{10}', 'index', 'bias of y_2 written phi_10 (belongs to y_1)'),
    (r'\sum\limits_{d=1}^{D}', 1, r'd=1', 'd=0', 'sum-from-zero', '\\sum_{d=0}^{D} phi_d h_d counts the bias twice (phi_0 is already outside the sum)'),
    (r'h_4 &= a[\theta_{40}', 1, r'\theta_{41}x]', r'\theta_{41}x', 'unbalanced-bracket', 'closing ] of a[...] missing on the h_4 row'),
])

planted('p05-es-blog.md', 'corpus', '09-es-blog-redes-poco-profundas.md', 'corpus 09 (Spanish blog)', [
    (r'h_1 = a[\theta_{10}', 1, r'a[\theta_{10}', r'a[\theta_{20}', 'index', 'bias of h_1 written theta_20 (belongs to h_2)'),
    (r'h_3 = a[\theta_{30}', 1, r'\theta_{31}x]', r'\theta_{13}x]', 'index', 'theta_13 where theta_31 belongs (indices transposed)'),
    (r'\hspace{4cm}y', 1, r'\phi_3h_3', r'\phi_3h_2', 'index', 'phi_3 multiplies h_2: h_2 read twice, h_3 never read'),
    (r'h_2 = a[\theta_{20}', 1, r'a[\theta_{20} + \theta_{21}x]', r'a\left(\theta_{20} + \theta_{21}x\right)', 'activation-parens', 'a\\left(...\\right) instead of a[...]'),
])

planted('p06-ksu-pandoc-beamer.md', 'corpus', '12-ksu-cs4277-pandoc-beamer.md', 'corpus 12 (KSU pandoc beamer)', [
    (r'y = f(x, \vec{\phi}) =', 1, r'\phi_3 a(\theta_{30} + \theta_{31}x)', r'\phi_3 a(\theta_{30} + \theta_{31}x) + \phi_3 a(\theta_{30} + \theta_{31}x)', 'duplicate-term', 'the third unit\'s term appears twice in the nested equation'),
    (r'y_1 & = \phi_{10}', 1, r'\phi_{12}h_2', r'\phi_{21}h_2', 'index', 'phi_21 in y_1 where phi_12 belongs'),
    (r'y_2 & = \phi_{20}', 1, r' + \phi_{24}h_4', '', 'missing-term', 'y_2 has no term in h_4'),
    (r'h_2 & = a(\theta_{20}', 1, r'\theta_{22}x_2', r'\theta_{21}x_2', 'index', 'theta_21 where theta_22 belongs (x_2 to h_2)'),
    (r'\end{align*}', 2, r'\end{align*}', r'\end{aligned}', 'environment', '\\begin{align*} closed by \\end{aligned}'),
])

planted('p07-es-slides.md', 'corpus', '13-es-slides-topic6-transcript.md', 'corpus 13 (Spanish slide transcript)', [
    (r'$h_2 = \mathrm{a}[\theta_{20}', 1, r'\theta_{21}x', r'\theta_{12}x', 'index', 'theta_12 in h_2 where theta_21 belongs'),
    (r'$y = \phi_0 + \phi_1 h_1', 2, r'\phi_2 h_2', r'\phi_2 h_2 + \phi_2 h_2', 'duplicate-term', 'phi_2 h_2 twice in y (slide 24)'),
    (r'$y = \phi_0 + \sum_{d=1}^{D}', 1, r'd=1', 'd=0', 'sum-from-zero', '\\sum_{d=0}^{D} counts the bias twice'),
    (r'$h_4 = \text{a}[\theta_{40}', 1, r'\theta_{41}x', r'\theta_{14}x', 'index', 'theta_14 where theta_41 belongs'),
    (r'$h_1 = \text{a}[\theta_{10} + \theta_{11}x_1', 1, r'\text{a}[\theta_{10} + \theta_{11}x_1 + \theta_{12}x_2]', r'\text{a}\left(\theta_{10} + \theta_{11}x_1 + \theta_{12}x_2\right)', 'activation-parens', 'a\\left(...\\right) instead of a[...] (slide 30)'),
    (r'$= \phi_0 + \phi_1 \mathrm{a}', 1, r'\phi_3 \mathrm{a}[\theta_{30}', r'\phi_1 \mathrm{a}[\theta_{30}', 'nested-repeated-weight', 'nested equation (slide 14): phi_1 weights units 1 and 3; phi_3 missing'),
])

planted('p08-oracle.md', 'corpus', '17-oracle-puzzle-worked-example.md', 'corpus 17 (Oracle puzzle)', [
    (r'$$z_2 = \theta_{20}', 1, r'\theta_{21} x', r'\theta_{22} x', 'index', 'theta_22 where theta_21 belongs (one input: the slope of unit 2 is theta_21)'),
    (r'$$z_3 = \theta_{30}', 1, r'$$z_3 =', r'$$z_2 =', 'left-side', 'third pre-activation named z_2 (defined twice; z_3 undefined)'),
    (r'$$h_1 = a[z_1]', 1, r'h_3 = a[z_3]', r'h_3 = a[z_2]', 'index', 'h_3 = a[z_2]: the third unit reads the second pre-activation'),
    (r'$$y = \phi_0 + \phi_1 h_1', 1, r'\phi_1 h_1 + ', '', 'missing-term', 'y has no term in h_1'),
])

planted('p09-jaywaves.md', 'corpus', '19-jaywaves-til-mathrm.md', 'corpus 19 (TIL note)', [
    (r'&=\phi_{0}+\phi_{1}h_{1}', 1, r'\phi_{2}h_{2}', r'\phi_{2}h_{3}', 'index', 'phi_2 multiplies h_3 (h_3 read twice, h_2 never)'),
    (r'h_{1} & =\mathrm{a}', 1, r'\theta_{11}x]', r'\theta_{11}x+\theta_{11}x]', 'duplicate-term', 'theta_11 x twice inside h_1'),
    (r'h_{2} & =\mathrm{a}', 1, r'\theta_{21}x]', r"\theta_{21}'x]", 'prime', "stray prime: theta'_21 in a one-network document"),
    (r'h_{3} & =\mathrm{a}', 1, r'h_{3} & =', r'h_{2} & =', 'left-side', 'third row defines h_2 again'),
])

planted('p10-compose-first.tex', 'base', 'compose-first.tex', 'netform examples/compose-first.tex', [
    (r'h_1 &= a[', 1, r'a[\theta_{10}', 'a[\theta_{10}'.replace('\\t', '\t'), 'damaged', 'a tab character ate the "\\t" of \\theta_{10} (copy-paste damage: "a[<TAB>heta_{10}")'),
    (r'h_2 &= a[', 1, r'x] \\', 'x]', 'lost-row-break', 'row break "\\\\" after h_2 lost: h_2 and h_3 run into one row'),
    (r'h_3 &= a[', 1, r'\theta_{31}x', r'\theta_{32}x', 'index', 'theta_32 where theta_31 belongs (one input)'),
    (r'y &= \phi_0', 1, r'\phi_3h_3', r"\phi_3h_3'", 'prime', "y reads h'_3, which this network does not define"),
])

planted('p11-compose-first-second.tex', 'base', ['compose-first.tex', 'compose-second.tex'], 'netform examples/compose-first.tex followed by compose-second.tex (the slides\' composition)', [
    (r"h'_1 &= a[", 1, r"\theta'_{11}y", r"\theta'_{11}x", 'composed-reads-x', "network 2's h'_1 reads x instead of y"),
    (r"h'_2 &= a[", 1, r"h'_2 &=", r"h_2 &=", 'prime', "left side h_2 (network 1's unit) where h'_2 belongs"),
    (r"y' &= \phi'_0", 1, r"\phi'_2h'_2", r"\phi'_2h'_3", 'index', "phi'_2 multiplies h'_3 (h'_2 never read)"),
    (r'y &= \phi_0', 1, r'\phi_0 + \phi_1h_1', r'\phi_1 + \phi_1h_1', 'index', 'bias written phi_1 (phi_1 appears as bias and weight; phi_0 missing)'),
    (r'h_3 &= a[', 1, r'\theta_{31}x', r"\theta'_{31}x", 'prime', "stray prime on theta_31 in network 1"),
])

planted('p12-compose-combined.tex', 'base', 'compose-combined.tex', 'netform examples/compose-combined.tex', [
    (r"h'_1 &= a[", 1, r'\psi_{12}h_2', r"\psi_{12}h'_2", 'prime', "h'_1 reads h'_2 (its own layer) where h_2 belongs"),
    (r"h'_2 &= a[", 1, r'\psi_{22}h_2', r'\psi_{21}h_2', 'index', "psi_21 twice in h'_2; psi_22 missing"),
    (r"h'_3 &= a[", 1, r' + \psi_{33}h_3', '', 'missing-term', "h'_3 has no term in h_3"),
    (r"y' &= \phi'_0", 1, r"\phi'_0 +", r'\phi_0 +', 'prime', "bias of y' written phi_0 without prime"),
    (r'h_2 &= a[', 1, r'\theta_{20}', r'\theta_{02}', 'index', 'theta_02 where theta_20 belongs'),
])

planted('p13-shallow-1-4-2.tex', 'base', 'shallow-1-4-2.tex', 'netform examples/shallow-1-4-2.tex', [
    (r'h_4 &= a[', 1, r'\theta_{41}x]', r'\theta_{41}x', 'unbalanced-bracket', 'closing ] of a[...] missing on the h_4 row'),
    (r'y_1 &= \phi_{10}', 1, r'\phi_{13}h_3', r'\phi_{31}h_3', 'index', 'phi_31 in y_1 where phi_13 belongs'),
    (r'y_2 &= \phi_{20}', 1, r'\phi_{22}h_2 + ', '', 'missing-term', 'y_2 has no term in h_2'),
    (r'h_3 &= a[', 1, r'h_3 &=', r'h_4 &=', 'left-side', 'third row defines h_4 (weights theta_30, theta_31 belong to h_3); h_3 undefined'),
    (r'\begin{align*}', 1, r'\begin{align*}', r'\begin{align}', 'environment', '\\begin{align} closed by \\end{align*}'),
])

planted('p14-deep-3-layer.tex', 'base', 'deep-3-layer.tex', 'netform examples/deep-3-layer.tex', [
    (r'h_{1,2} &= a[', 1, r'\omega_{0,2,1}x', r'\omega_{0,1,2}x', 'index', 'omega_{0,1,2} where omega_{0,2,1} belongs (unit and input swapped)'),
    (r'h_{2,1} &= a[', 1, r'\beta_{1,1}', r'\beta_{2,1}', 'index', 'bias of h_{2,1} from layer 2 (beta_{2,1} feeds h_{3,1}); should be beta_{1,1}'),
    (r'h_{2,2} &= a[', 1, r' + \omega_{1,2,2}h_{1,2}', '', 'missing-term', 'h_{2,2} has no term in h_{1,2}'),
    (r'h_{3,1} &= a[', 1, r'\omega_{2,1,2}h_{2,2}', r'\omega_{2,1,2}h_{1,2}', 'index', 'h_{3,1} reads h_{1,2} (two layers back) through omega_{2,1,2}; should be h_{2,2}'),
    (r'y &= \beta_{3}', 1, r'\beta_{3} +', r'eta_{3} +', 'damaged', 'copy-paste damage: "\\b" of \\beta eaten ("eta_{3}")'),
])

planted('p15-matrix-forms.tex', 'base', ['cc-matrix.tex', 'arch332-matrix.tex'], 'netform convert --example compose-combined --to matrix --format latex --explicit, then netform convert --arch 3,3,2 --to matrix --format latex --explicit', [
    (r'\begin{bmatrix}h_{1} \\ h_{2} \\ h_{3}\end{bmatrix} &=', 1, r'\theta_{10} \\ \theta_{20}', r'\theta_{10}\\theta_{20}', 'lost-row-break', 'the issue\'s example: "\\theta_{10}\\\\theta_{20}" - the space after the row break is lost, so the bias column has 2 rows instead of 3'),
    (r"\begin{bmatrix}h'_{1} \\ h'_{2} \\ h'_{3}\end{bmatrix} &=", 1, r'\psi_{21} & \psi_{22} & \psi_{23} \\', r'\psi_{21} & \psi_{22} \\', 'matrix-ragged-row', 'second row of the 3x3 psi matrix has two entries'),
    (r"y' &= \phi'_{0}", 1, r"\begin{bmatrix}h'_{1} \\ h'_{2} \\ h'_{3}\end{bmatrix}", r"\begin{bmatrix}h'_{1} \\ h'_{2}\end{bmatrix}", 'matrix-size', "1x3 row of phi' times a 2x1 vector"),
    (r'\begin{bmatrix}y_{1} \\ y_{2}\end{bmatrix}', 1, r'\phi_{21} & \phi_{22}', r'\phi_{21} & \phi_{12}', 'index', 'entry (2,2) of the output weight matrix is phi_12 (phi_12 twice, phi_22 missing)'),
    (r'\begin{bmatrix}h_{1} \\ h_{2} \\ h_{3}\end{bmatrix} &=', 2, r'\begin{bmatrix}x_{1} \\ x_{2} \\ x_{3}\end{bmatrix}', r'\begin{bmatrix}x_{1} \\ x_{2}\end{bmatrix}', 'matrix-size', '3x3 weight matrix times a 2x1 input vector'),
])

planted('p16-general-form.tex', 'base', 'deep3-general.tex', 'netform convert --example deep-3-layer --to general --format latex', [
    (r'\mathbf{h}_{2} &= \mathbf{a}', 1, r'\boldsymbol{\Omega}_{1}\mathbf{h}_{1}', r'\boldsymbol{\Omega}_{2}\mathbf{h}_{1}', 'index', 'layer 2 uses Omega_2 (the next layer\'s weights); should be Omega_1'),
    (r'\boldsymbol{\beta}_{0} &=', 1, r'\boldsymbol{\beta}_{0} &=', r'oldsymbol{eta}_{0} &=', 'damaged', 'copy-paste damage: "oldsymbol{eta}" for \\boldsymbol{\\beta}'),
    (r'\boldsymbol{\Omega}_{1} &=', 1, r'\omega_{1,2,1} & \omega_{1,2,2}', r'\omega_{1,2,1}', 'matrix-ragged-row', 'second row of Omega_1 has one entry'),
    (r'\boldsymbol{\beta}_{2} &=', 1, r'\beta_{2,2}\end{bmatrix}', r'\beta_{2,2} \\ \beta_{2,3}\end{bmatrix}', 'matrix-size', 'beta_2 has 3 entries but layer 3 has 2 units (D_3 = 2)'),
    (r'\boldsymbol{\Omega}_{3} &=', 1, r'\omega_{3,1} & \omega_{3,2}', r'\omega_{3,1} & \omega_{3,1}', 'matrix-repeated', 'omega_{3,1} written in both columns of Omega_3; omega_{3,2} missing'),
])

planted('p17-nested-forms.tex', 'base', ['cc-nested.tex', 's142-nested.tex'], 'netform convert --to nested --format latex of examples compose-combined and shallow-1-4-2', [
    (r"y' &= \phi'_{0}", 1, r'\psi_{12}\mathrm{a}[\theta_{20} + \theta_{21}x]', r'\psi_{12}\mathrm{a}[\theta_{20} + \theta_{12}x]', 'index', 'inside the nested equation: theta_12 where theta_21 belongs'),
    (r"&\quad + \phi'_{2}\mathrm{a}", 1, r"+ \phi'_{2}\mathrm{a}", r"+ \phi'_{1}\mathrm{a}", 'nested-repeated-weight', "phi'_1 weights the second unit too"),
    (r"&\quad + \phi'_{3}\mathrm{a}", 1, r"+ \phi'_{3}\mathrm{a}", r"+ \phi'_{1}\mathrm{a}", 'nested-repeated-weight', "phi'_1 used three times in the nested equation (the issue's example)"),
    (r'y_{2} &= \phi_{20}', 1, r'\phi_{23}\mathrm{a}[\theta_{30} + \theta_{31}x]', r'\phi_{23}\mathrm{a}[\theta_{30} + \theta_{31}x] + \phi_{23}\mathrm{a}[\theta_{30} + \theta_{31}x]', 'duplicate-term', 'the third unit\'s term appears twice in y_2'),
    (r'&\quad + \phi_{14}\mathrm{a}', 1, r'\phi_{14}\mathrm{a}[\theta_{40}', r'\phi_{14}\mathrm{a}[\theta_{30}', 'index', 'fourth unit inside y_1 uses theta_30 (bias of unit 3)'),
])

planted('p18-compose-derivation.tex', 'base', 'compose-deriv.tex', 'netform compose --example compose-first --example compose-second --format latex', [
    (r"\theta'_{21}\phi_{0} + \theta'_{21}\phi_{1}h_{1}", 1, r"\theta'_{21}\phi_{2}h_{2}", r"\theta'_{21}\phi_{2}h_{3}", 'chain', "substitution for h'_2 does not hold: phi_2 h_3"),
    (r'\psi_{22} &=', 1, r"\theta'_{21}\phi_{2}", r"\theta'_{22}\phi_{2}", 'index', "psi_22 defined with theta'_22 (network 2 has one input; should be theta'_21)"),
    (r'\psi_{30} &=', 1, r"\theta'_{31}\phi_{0}", r"\theta'_{31}\phi_{1}", 'definition', "psi_30 = theta'_30 + theta'_31 phi_1 disagrees with the substitution (theta'_31 phi_0)"),
    (r"h'_{1} &= \mathrm{a}[\psi_{10}", 1, r' + \psi_{13}h_{3}', '', 'missing-term', "combined network: h'_1 has no term in h_3"),
    (r"h'_{3} &= \mathrm{a}[\theta'_{30} + \theta'_{31}y] \\", 1, r"\theta'_{31}y]", r"\theta'_{31}x]", 'composed-reads-x', "network 2 as given: h'_3 reads x instead of y"),
])

planted('p19-k78ma-matrix.md', 'corpus', '03-k78ma-composing-networks.md', 'corpus 03 (k78ma notes), matrix section', [
    (r'\theta_{20} \\', 1, r'\theta_{20} \\', r'\theta_{20}', 'lost-row-break', 'row break after theta_20 lost: theta_20 and theta_30 run into one row (read as a product)'),
    (r'\psi_{21} & \psi_{22} & \psi_{23} \\', 1, r'\psi_{22} & \psi_{23}', r'\psi_{23} & \psi_{23}', 'matrix-repeated', 'psi_23 in columns 2 and 3 of row 2; psi_22 missing'),
    (r"h_{2}' \\", 1, r"h_{2}' \\", r'h_{2} \\', 'prime', "row 2 of the h' vector written h_2"),
    (r"\phi_{1}'  & \phi_{2}' & \phi_{3}'", 1, r"\phi_{1}'  & \phi_{2}' & \phi_{3}'", r"\phi_{1}'  & \phi_{2}'", 'matrix-size', "1x2 row of phi' times the 3x1 vector h'"),
    (r"\mathbf{h}' & =a[\mathbf{\psi}_{0}", 1, r'\Psi \mathbf{h}]', r"\Psi \mathbf{h}']", 'prime', "h' defined from itself: \\Psi h' (should be \\Psi h)"),
])

planted('p20-book-ch4-general.md', 'corpus', '02-book-ch4-deep-eqnarray.md', 'corpus 02 (book LaTeX, ch. 4), matrix and general sections', [
    (r'\mathbf{h}_{2} &=& \mathbf{a}', 1, r'\boldsymbol\Omega_{1}\mathbf{h}_{1}', r'\boldsymbol\Omega_{1}\mathbf{h}_{2}', 'index', 'h_2 computed from itself (should read h_1)'),
    (r'\mathbf{h}_{3} &=& \mathbf{a}', 1, r'\boldsymbol\beta_{2}', r'oldsymboleta_{2}', 'damaged', 'copy-paste damage: both "\\b" of \\boldsymbol\\beta eaten ("oldsymboleta_{2}")'),
    (r'\mathbf{y} &=& \boldsymbol\beta_{K}', 1, r'\boldsymbol\Omega_{K}\mathbf{h}_{K}', r'\boldsymbol\Omega_{K-1}\mathbf{h}_{K}', 'index', 'output layer uses Omega_{K-1} (belongs to h_K); should be Omega_K'),
    (r"\mathbf{h}' &=& \mbox{\bf a}", 1, r'\boldsymbol\Psi \mathbf{h}', r'\boldsymbol\Psi \mathbf{x}', 'composed-reads-x', "h' reads x instead of h (the second layer skips the first)"),
    (r'= \mbox{\bf a}\left[\begin{bmatrix}\theta_{10}', 1, r'x\right],', 'x],', 'left-right', '\\left[ without \\right]'),
])

planted('p21-book-ch3-general.md', 'corpus', '01-book-ch3-shallow-eqnarray.md', 'corpus 01 (book LaTeX, ch. 3), second copy with other mistakes', [
    (r'y_1 &=& \phi_{10}', 1, r'+\phi_{14}h_{4}', r'+\phi_{14}h_{4}+\phi_{15}h_{5}', 'extra-term', 'y_1 reads h_5, which is not defined (four hidden units)'),
    (r'h_{2} &=& \mbox{a}[\theta_{20} + \theta_{21}x] \nonumber', 2, r'\nonumber \\', r'\nonumber', 'lost-row-break', 'row break lost after h_2 in the 1-4-2 block: h_2 and h_3 run into one row'),
    (r'h_{d} = \mbox{a}\left[\theta_{d0}', 1, r'\sum_{i=1}^{D_{i}}', r'\sum_{i=0}^{D_{i}}', 'sum-from-zero', 'sum over inputs from i=0 counts the bias theta_d0 twice'),
    (r'y_j = \phi_{j0}', 1, r'\sum_{d=1}^{D}', r'\sum_{d=0}^{D}', 'sum-from-zero', 'sum over hidden units from d=0 counts the bias phi_j0 twice'),
    (r'y = \phi_{0}+\phi_{1}h_{1}', 2, r'\phi_{1}h_{1}+', r'\phi_{1}h_{1}+\phi_{1}h_{1}+', 'duplicate-term', 'phi_1 h_1 twice in the 2-3-1 network\'s y'),
    (r'h_{3} &=& \mbox{a}[\theta_{30} + \theta_{31}x_1', 1, r'\theta_{32}x_2]', r'\theta_{32}x_3]', 'index', 'h_3 reads x_3 (the network has inputs x_1, x_2); theta_32 is the weight from x_2'),
])

planted('p22-arch231-and-readme.tex', 'base', ['arch231.tex', 'compose-second.tex'], 'netform convert --arch 2,3,1 --format latex, then netform examples/compose-second.tex (README "Input" example network)', [
    (r'h_{1} &= \mathrm{a}', 1, r'\theta_{12}x_{2}', r'\theta_{12}x_{1}', 'index', 'h_1 reads x_1 twice (theta_12 is the weight from x_2)'),
    (r'h_{2} &= \mathrm{a}', 1, r'\theta_{21}x_{1} + ', '', 'missing-term', 'h_2 has no term in x_1'),
    (r'h_{3} &= \mathrm{a}', 1, r'\mathrm{a}[\theta_{30}', r'\mathrm{a}[\theta_{30} + \theta_{30}', 'duplicate-term', 'bias theta_30 twice in h_3'),
    (r'y &= \phi_{0}', 1, r'\phi_{2}h_{2}', r'\phi_{2}h_{2}', 'none', 'placeholder'),  # removed below
    (r"h'_2 &= a[", 1, r"\theta'_{20}", r"\theta_{20}", 'prime', "bias of h'_2 written theta_20 without prime"),
    (r"y' &= \phi'_0", 1, r"\phi'_3h'_3", r"\phi'_3h'_3 + \phi'_4h'_4", 'extra-term', "y' reads h'_4, which is not defined"),
])

def build():
    manifest = []
    total = 0
    os.makedirs(HERE, exist_ok=True)
    for out, base_kind, base, source, ops in FILES:
        ops = [o for o in ops if o[4] != 'none']
        if base_kind == 'corpus':
            body = body_of_corpus(base)
            base_desc = 'tests/corpus/' + base
        else:
            names = base if isinstance(base, list) else [base]
            body = []
            for nm in names:
                body += [l for l in body_of_base(nm) if l != ''] if False else body_of_base(nm)
                if body and body[-1] == '':
                    body.pop()
            base_desc = ', '.join('tests/corpus/planted/bases/' + n for n in names)
        is_md = out.endswith('.md')
        header_lines = [
            'PLANTED-MISTAKE COPY for netform check tests - not the original text.',
            'Base (correct document): ' + base_desc + ' (' + source + ').',
            f'{len(ops)} notation mistakes were planted on purpose; tests/corpus/planted/manifest.json lists each with its line.',
        ]
        header = (['<!--'] + header_lines + ['-->']) if is_md else ['% ' + h for h in header_lines]
        lines = list(body)
        used = set()
        entries = []
        for needle, n, old, new, kind, desc in ops:
            nd = needle if needle is not None else old
            idx = [i for i, l in enumerate(body) if nd in l]
            if len(idx) < n:
                sys.exit(f'{out}: needle {nd!r} occurs {len(idx)} times, wanted #{n}')
            i = idx[n - 1]
            if old not in lines[i]:
                sys.exit(f'{out}: {old!r} not on base line {i+1}: {lines[i]!r}')
            if i in used:
                sys.exit(f'{out}: two mistakes on one line ({i+1})')
            used.add(i)
            lines[i] = lines[i].replace(old, new, 1)
            line_no = len(header) + i + 1
            entries.append({'line': line_no, 'kind': kind, 'description': desc,
                            'original': body[i].strip(), 'planted': lines[i].strip()})
        text = '\n'.join(header + lines) + '\n'
        with open(os.path.join(HERE, out), 'w', encoding='utf-8') as fh:
            fh.write(text)
        # re-check line numbers against the written file
        written = text.split('\n')
        for e in entries:
            assert written[e['line'] - 1].strip() == e['planted'], (out, e['line'])
        entries.sort(key=lambda e: e['line'])
        manifest.append({'file': out, 'base': base_desc, 'source': source, 'mistakes': entries})
        total += len(entries)
    doc = {
        'description': 'Documents with planted notation mistakes for netform check (issue 13). Built by make_planted.py from correct bases.',
        'conventions': {
            'line': '1-based line in the planted file (header comment included); exactly one planted mistake per line',
            'kind': 'index | duplicate-term | missing-term | extra-term | prime | left-side | damaged | lost-row-break | activation-parens | '
                    'sum-from-zero | composed-reads-x | matrix-ragged-row | matrix-size | matrix-repeated | chain | definition | '
                    'nested-repeated-weight | unbalanced-bracket | left-right | environment',
            'original/planted': 'the base line and the planted line, whitespace-trimmed',
            'everything else': 'the rest of each file is the base text unchanged: any other finding is a false alarm (bases are in planted/bases/ or tests/corpus/)',
        },
        'total_mistakes': total,
        'files': manifest,
    }
    with open(os.path.join(HERE, 'manifest.json'), 'w', encoding='utf-8') as fh:
        json.dump(doc, fh, ensure_ascii=False, indent=1)
        fh.write('\n')
    print(len(manifest), 'files,', total, 'mistakes')

if __name__ == '__main__':
    build()
