// Renders LaTeX snippets with KaTeX, as web slides would, and fails on the
// first error. Each argument is an insta snapshot file (its header is
// skipped) or a plain .tex file; every file is one display-mode formula.
// Of complete documents and Beamer frames, whose preambles and frames are
// pdflatex's business, each `align*` environment is rendered on its own.
"use strict";
const fs = require("fs");
const katex = require("katex");

function body(path) {
  const text = fs.readFileSync(path, "utf8");
  if (!path.endsWith(".snap")) return text;
  // An insta snapshot: "---\n<metadata>\n---\n<body>".
  const end = text.indexOf("\n---\n", 4);
  return end < 0 ? text : text.slice(end + 5);
}

let rendered = 0;
let skipped = 0;
for (const path of process.argv.slice(2)) {
  const src = body(path);
  let formulas = [src];
  if (src.includes("\\documentclass") || src.includes("\\begin{frame}")) {
    formulas = src.match(/\\begin\{align\*\}[\s\S]*?\\end\{align\*\}/g) || [];
    skipped++;
  }
  for (const formula of formulas) {
    try {
      katex.renderToString(formula, { throwOnError: true, displayMode: true, strict: "error" });
      rendered++;
    } catch (e) {
      console.error(`KaTeX failed on ${path}: ${e.message}`);
      process.exit(1);
    }
  }
}
console.log(`katex: ${rendered} formulas rendered (of them, the align* of ${skipped} documents or frames)`);
