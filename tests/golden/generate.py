#!/usr/bin/env python3
"""Golden fixtures for the interpreter, made by the real CPython (and numpy).

Usage:  python3 tests/golden/generate.py [DIR_OR_FILE ...]
        (default: every directory under tests/golden/ that holds .py snippets)

Each `<name>.py` is a jupytext percent-format snippet (`# %%` starts a code
cell, `# %% [markdown]` a markdown cell, which is skipped). The cells run in
order in one namespace, the way IPython runs them:

  - a trailing expression statement is shown with IPython's pretty printer
    (`IPython.lib.pretty.pretty`, the `text/plain` of an execute_result),
    unless its value is None or the cell ends with `;`;
  - an exception prints `ExcName: message` (IPython's `%xmode Minimal`),
    or just `ExcName` when the message is empty, and the next cell runs.

`<name>.expected` holds one block per code cell: a `# %% [N]` line (N counts
code cells from 1), then the cell's text; a block whose text does not end with
a newline gets one (tests/golden/golden.test.ts applies the same rule).

Normalisation (the only one): a SyntaxError (or IndentationError) is written as
`SyntaxError: invalid syntax`, because CPython's detailed wording ("'(' was
never closed", "expected ':'") comes from its own parser; the interpreter's
parser is lezer's and only promises the exception type and line.

Cell sources are split exactly as `parsePercentPy` in src/notebook/ipynb.ts
does: blank lines at both ends of a cell are dropped.
"""

import ast
import contextlib
import io
import os
import re
import sys
import tokenize

from IPython.lib.pretty import pretty

HERE = os.path.dirname(os.path.abspath(__file__))
MARKER = re.compile(r"^# %%(.*)$")


def split_cells(text):
    """[(cell_type, source)] as parsePercentPy splits them."""
    lines = text.replace("\r\n", "\n").split("\n")
    if lines and lines[0] == "# ---":
        try:
            close = lines.index("# ---", 1)
            lines = lines[close + 1 :]
        except ValueError:
            pass
    chunks = []
    current = ["code", []]
    for line in lines:
        m = MARKER.match(line)
        if m:
            chunks.append(current)
            rest = m.group(1).strip()
            kind = "markdown" if rest.startswith("[markdown]") or rest.startswith("[md]") else (
                "raw" if rest.startswith("[raw]") else "code"
            )
            current = [kind, []]
        else:
            current[1].append(line)
    chunks.append(current)
    cells = []
    for i, (kind, body) in enumerate(chunks):
        while body and body[0].strip() == "":
            body = body[1:]
        while body and body[-1].strip() == "":
            body = body[:-1]
        if i == 0 and not body:
            continue
        cells.append((kind, "\n".join(body)))
    return cells


def ends_with_semicolon(src):
    """IPython's rule: the last token that is not a comment or whitespace is ';'."""
    try:
        toks = list(tokenize.generate_tokens(io.StringIO(src).readline))
    except (tokenize.TokenError, SyntaxError):
        return False
    skip = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.ENDMARKER, tokenize.INDENT, tokenize.DEDENT}
    for tok in reversed(toks):
        if tok.type in skip:
            continue
        return tok.string == ";"
    return False


def exc_line(e):
    if isinstance(e, SyntaxError):
        return "SyntaxError: invalid syntax"
    name = type(e).__name__
    msg = str(e)
    return f"{name}: {msg}" if msg else name


def strip_magics(src):
    """%matplotlib / %config lines are ignored, as the kernel does."""
    out = []
    for line in src.split("\n"):
        t = line.lstrip()
        if re.match(r"^%(matplotlib|config)\b", t):
            out.append("")
        else:
            out.append(line)
    return "\n".join(out)


def run_cell(src, ns):
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        try:
            code = strip_magics(src)
            tree = ast.parse(code, "<cell>", "exec")
            last = tree.body[-1] if tree.body else None
            if isinstance(last, ast.Expr):
                head = ast.Module(body=tree.body[:-1], type_ignores=[])
                exec(compile(head, "<cell>", "exec"), ns)
                value = eval(compile(ast.Expression(body=last.value), "<cell>", "eval"), ns)
                if value is not None and not ends_with_semicolon(code):
                    print(pretty(value, max_width=79, max_seq_length=1000))
            else:
                exec(compile(tree, "<cell>", "exec"), ns)
        except BaseException as e:  # noqa: BLE001 - every error is an output, as in IPython
            if isinstance(e, KeyboardInterrupt):
                raise
            print(exc_line(e))
    return buf.getvalue()


def generate(path):
    with open(path, encoding="utf-8") as f:
        cells = split_cells(f.read())
    ns = {"__name__": "__main__"}
    out = []
    n = 0
    for kind, src in cells:
        if kind != "code":
            continue
        n += 1
        text = run_cell(src, ns)
        if text and not text.endswith("\n"):
            text += "\n"
        out.append(f"# %% [{n}]\n{text}")
    target = path[: -len(".py")] + ".expected"
    with open(target, "w", encoding="utf-8") as f:
        f.write("".join(out))
    return target


def main(args):
    sys.setrecursionlimit(1000)
    targets = args or [os.path.join(HERE, d) for d in sorted(os.listdir(HERE)) if os.path.isdir(os.path.join(HERE, d))]
    count = 0
    for t in targets:
        files = [t] if t.endswith(".py") else sorted(
            os.path.join(t, f) for f in os.listdir(t) if f.endswith(".py")
        )
        for f in files:
            generate(f)
            count += 1
    print(f"wrote {count} .expected files")


if __name__ == "__main__":
    main(sys.argv[1:])
