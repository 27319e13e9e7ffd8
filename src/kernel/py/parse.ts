/**
 * Cell source -> AST (ast.ts) via @lezer/python.
 *
 * lezer is error tolerant: any error node becomes a Python `SyntaxError`
 * with the line and a caret. Constructs outside the notebook's subset become
 * `unsupported` nodes that raise `NotImplementedError` when executed, so the
 * statements before them still run, as in CPython.
 */
import { parser } from "@lezer/python";
import type { SyntaxNode } from "@lezer/common";
import type { Arg, BinOp, CmpOp, CompFor, Expr, FPart, Param, Stmt, UnaryOp } from "./ast.ts";
import { PyException } from "./errors.ts";
import { type DotRewrite, originalPosition, rewriteTrailingDots } from "./trailing-dot.ts";
import { Ellipsis, INT_LIMIT, PyFloat } from "./values.ts";

/** A parsed cell: statements, and whether the cell ends with `;` (no execute_result). */
export interface ParsedCell {
  body: Stmt[];
  silent: boolean;
}

const IGNORED_MAGICS = new Set(["matplotlib", "config", "load_ext", "reload_ext", "autoreload"]);

/**
 * Blanks out IPython magics and shell lines, keeping line numbers.
 * `%matplotlib inline` and `%config ...` are ignored; other magics and `!cmd`
 * raise UsageError.
 */
export function stripMagics(code: string): string {
  const lines = code.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const t = line.trimStart();
    if (t.startsWith("%")) {
      const m = /^%{1,2}([A-Za-z_][\w.]*)?/.exec(t);
      const name = m?.[1] ?? "";
      if (!t.startsWith("%%") && IGNORED_MAGICS.has(name)) {
        lines[i] = "";
        continue;
      }
      const shown = t.startsWith("%%") ? `%%${name}` : `%${name}`;
      throw new PyException("UsageError", `magic ${shown} is not supported in this notebook`);
    }
    if (t.startsWith("!")) {
      const cmd = t.slice(1).trim().split(/\s+/)[0] ?? "";
      throw new PyException("UsageError", `shell commands (!${cmd}) are not supported in this notebook`);
    }
  }
  return lines.join("\n");
}

class Ctx {
  readonly lineStarts: number[] = [0];
  /** The code the parser saw: the user's, with trailing-dot floats completed (trailing-dot.ts). */
  readonly src: string;
  constructor(private readonly rewrite: DotRewrite) {
    this.src = rewrite.code;
    for (let i = 0; i < this.src.length; i++) if (this.src.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }
  line(pos: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
  text(n: SyntaxNode): string {
    return this.src.slice(n.from, n.to);
  }
  syntaxError(pos: number, message = "invalid syntax"): PyException {
    const line = this.line(pos);
    const start = this.lineStarts[line - 1] ?? 0;
    const e = new PyException("SyntaxError", message);
    // Column and text in the user's own text, not the rewritten one.
    const column = originalPosition(this.rewrite, pos) - originalPosition(this.rewrite, start) + 1;
    const lineText = this.src.slice(start).split("\n")[0] ?? "";
    e.syntax = { line, column, text: undoInserts(lineText, this.rewrite, start) };
    return e;
  }
}

/** `text` (a slice of the rewritten code starting at `start`) without the inserted characters. */
function undoInserts(text: string, rewrite: DotRewrite, start: number): string {
  let out = "";
  let from = 0;
  for (const at of rewrite.inserted) {
    const rel = at - start;
    if (rel < 0) continue;
    if (rel >= text.length) break;
    out += text.slice(from, rel);
    from = rel + 1;
  }
  return out + text.slice(from);
}

function kids(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) if (c.name !== "Comment") out.push(c);
  return out;
}

function findError(n: SyntaxNode): SyntaxNode | null {
  if (n.type.isError) return n;
  for (let c = n.firstChild; c; c = c.nextSibling) {
    const e = findError(c);
    if (e) return e;
  }
  return null;
}

/** Parses a cell (magics already stripped). Raises SyntaxError with line and caret. */
export function parseCell(userCode: string): ParsedCell {
  const rewrite = rewriteTrailingDots(userCode);
  const code = rewrite.code;
  const cx = new Ctx(rewrite);
  const tree = parser.parse(code);
  const top = tree.topNode;
  const err = findError(top);
  if (err) {
    // An empty error node at the end means the input stopped early (unclosed bracket or block).
    let pos = err.from;
    if (err.from === err.to && err.from >= code.trimEnd().length) {
      throw cx.syntaxError(Math.max(0, code.trimEnd().length - 1));
    }
    if (pos > code.length) pos = code.length;
    throw cx.syntaxError(pos);
  }
  const stmts = kids(top);
  const body: Stmt[] = [];
  for (const s of stmts) convertStmt(cx, s, body);
  const last = stmts[stmts.length - 1];
  let silent = false;
  if (last && last.name === "StatementGroup") {
    const lk = kids(last);
    silent = lk[lk.length - 1]?.name === ";";
  }
  return { body, silent };
}

function unsupported(line: number, what: string): Stmt {
  return { line, k: "expr", e: { k: "raise", exc: "NotImplementedError", msg: what } };
}

function convertBody(cx: Ctx, n: SyntaxNode): Stmt[] {
  const out: Stmt[] = [];
  for (const c of kids(n)) {
    if (c.name === ":") continue;
    convertStmt(cx, c, out);
  }
  return out;
}

/** Splits children by "," tokens. */
function splitCommas(nodes: SyntaxNode[]): { groups: SyntaxNode[][]; trailing: boolean } {
  const groups: SyntaxNode[][] = [];
  let cur: SyntaxNode[] = [];
  let trailing = false;
  for (const n of nodes) {
    if (n.name === ",") {
      groups.push(cur);
      cur = [];
      trailing = true;
    } else {
      cur.push(n);
      trailing = false;
    }
  }
  if (cur.length > 0) groups.push(cur);
  return { groups, trailing };
}

/** A comma-separated expression list: one item without trailing comma is itself, else a tuple. */
function exprList(cx: Ctx, nodes: SyntaxNode[]): Expr {
  const { groups, trailing } = splitCommas(nodes);
  const items = groups.map((g) => groupExpr(cx, g));
  if (items.length === 1 && !trailing) return items[0] ?? { k: "const", value: null };
  return { k: "tuple", items };
}

function groupExpr(cx: Ctx, g: SyntaxNode[]): Expr {
  const first = g[0];
  if (!first) throw cx.syntaxError(0);
  if (first.name === "*" && g[1]) return { k: "starred", e: expr(cx, g[1]) };
  if (g.length !== 1) throw cx.syntaxError(g[1]?.from ?? first.from);
  return expr(cx, first);
}

function convertStmt(cx: Ctx, n: SyntaxNode, out: Stmt[]): void {
  const line = cx.line(n.from);
  const c = kids(n);
  switch (n.name) {
    case "StatementGroup":
      for (const s of c) if (s.name !== ";") convertStmt(cx, s, out);
      return;
    case "ExpressionStatement":
      out.push({ line, k: "expr", e: exprList(cx, c) });
      return;
    case "AssignStatement": {
      const parts: SyntaxNode[][] = [[]];
      for (const x of c) {
        if (x.name === "AssignOp") parts.push([]);
        else if (x.name === "TypeDef") continue;
        else parts[parts.length - 1]?.push(x);
      }
      const exprs = parts.filter((p) => p.length > 0).map((p) => exprList(cx, p));
      const value = exprs.pop();
      if (!value) throw cx.syntaxError(n.from);
      // `x: int` alone (annotation without value) assigns nothing.
      if (exprs.length === 0) return;
      for (const t of exprs) checkTarget(cx, t, n.from);
      out.push({ line, k: "assign", targets: exprs, value });
      return;
    }
    case "UpdateStatement": {
      const opIdx = c.findIndex((x) => x.name === "UpdateOp");
      const opNode = c[opIdx];
      if (!opNode) throw cx.syntaxError(n.from);
      const target = exprList(cx, c.slice(0, opIdx));
      if (target.k !== "name" && target.k !== "attr" && target.k !== "sub") {
        throw cx.syntaxError(n.from, "'tuple' is an illegal expression for augmented assignment");
      }
      const op = cx.text(opNode).slice(0, -1);
      out.push({
        line,
        k: "aug",
        target,
        op: binOp(cx, op, opNode.from),
        value: exprList(cx, c.slice(opIdx + 1)),
      });
      return;
    }
    case "PassStatement":
      out.push({ line, k: "pass" });
      return;
    case "BreakStatement":
      out.push({ line, k: "break" });
      return;
    case "ContinueStatement":
      out.push({ line, k: "continue" });
      return;
    case "ReturnStatement":
      out.push({ line, k: "return", value: c.length > 1 ? exprList(cx, c.slice(1)) : null });
      return;
    case "DeleteStatement": {
      const targets = splitCommas(c.slice(1)).groups.map((g) => groupExpr(cx, g));
      out.push({ line, k: "del", targets });
      return;
    }
    case "AssertStatement": {
      const { groups } = splitCommas(c.slice(1));
      const test = groups[0] ? groupExpr(cx, groups[0]) : null;
      if (!test) throw cx.syntaxError(n.from);
      out.push({ line, k: "assert", test, msg: groups[1] ? groupExpr(cx, groups[1]) : null });
      return;
    }
    case "ScopeStatement": {
      const names = c.filter((x) => x.name === "VariableName").map((x) => cx.text(x));
      const kind = c[0]?.name === "global" ? "global" : "nonlocal";
      out.push({ line, k: kind, names });
      return;
    }
    case "ImportStatement":
      out.push(importStmt(cx, c, line));
      return;
    case "IfStatement": {
      // if test Body (elif test Body)* (else Body)?
      const tests: { test: Expr; body: Stmt[] }[] = [];
      let orelse: Stmt[] = [];
      for (let i = 0; i < c.length; i++) {
        const x = c[i];
        if (!x) break;
        if (x.name === "if" || x.name === "elif") {
          const t = c[i + 1];
          const b = c[i + 2];
          if (!t || !b) throw cx.syntaxError(x.from);
          tests.push({ test: expr(cx, t), body: convertBody(cx, b) });
          i += 2;
        } else if (x.name === "else") {
          const b = c[i + 1];
          if (!b) throw cx.syntaxError(x.from);
          orelse = convertBody(cx, b);
          i += 1;
        }
      }
      for (let i = tests.length - 1; i >= 0; i--) {
        const t = tests[i];
        if (!t) continue;
        const stmt: Stmt = {
          line: i === 0 ? line : (t.body[0]?.line ?? line),
          k: "if",
          test: t.test,
          body: t.body,
          orelse,
        };
        orelse = [stmt];
      }
      const first = orelse[0];
      if (first) out.push({ ...first, line });
      return;
    }
    case "WhileStatement": {
      const bodies = c.filter((x) => x.name === "Body");
      const testNode = c[1];
      const b0 = bodies[0];
      if (!testNode || !b0) throw cx.syntaxError(n.from);
      const orelse = bodies[1] ? convertBody(cx, bodies[1]) : [];
      out.push({ line, k: "while", test: expr(cx, testNode), body: convertBody(cx, b0), orelse });
      return;
    }
    case "ForStatement": {
      if (c[0]?.name === "async") {
        out.push(unsupportedStmt(line, "async code is"));
        return;
      }
      const inIdx = c.findIndex((x) => x.name === "in");
      const bodyIdx = c.findIndex((x) => x.name === "Body");
      const b0 = c[bodyIdx];
      if (inIdx < 0 || bodyIdx < 0 || !b0) throw cx.syntaxError(n.from);
      const target = exprList(cx, c.slice(1, inIdx));
      checkTarget(cx, target, n.from);
      const iter = exprList(cx, c.slice(inIdx + 1, bodyIdx));
      const elseBody = c.slice(bodyIdx + 1).find((x) => x.name === "Body");
      out.push({
        line,
        k: "for",
        target,
        iter,
        body: convertBody(cx, b0),
        orelse: elseBody ? convertBody(cx, elseBody) : [],
      });
      return;
    }
    case "FunctionDefinition": {
      if (c[0]?.name === "async") {
        out.push(unsupportedStmt(line, "async functions are"));
        return;
      }
      const nameNode = c.find((x) => x.name === "VariableName");
      const paramsNode = c.find((x) => x.name === "ParamList");
      const bodyNode = c.find((x) => x.name === "Body");
      if (!nameNode || !paramsNode || !bodyNode) throw cx.syntaxError(n.from);
      out.push({
        line,
        k: "def",
        name: cx.text(nameNode),
        params: params(cx, kids(paramsNode)),
        body: convertBody(cx, bodyNode),
      });
      return;
    }
    case "ClassDefinition":
      out.push(unsupportedStmt(line, "classes are"));
      return;
    case "TryStatement":
      out.push(unsupportedStmt(line, "try/except is"));
      return;
    case "WithStatement":
      out.push(unsupportedStmt(line, "with statements are"));
      return;
    case "DecoratedStatement":
      out.push(unsupportedStmt(line, "decorators are"));
      return;
    case "MatchStatement":
      out.push(unsupportedStmt(line, "match statements are"));
      return;
    case "RaiseStatement":
      out.push(unsupportedStmt(line, "raise statements are"));
      return;
    case "YieldStatement":
      out.push(unsupportedStmt(line, "generators (yield) are"));
      return;
    case "TypeDefinition":
      out.push(unsupportedStmt(line, "type aliases are"));
      return;
    case "PrintStatement":
      throw cx.syntaxError(n.from, "Missing parentheses in call to 'print'. Did you mean print(...)?");
    default:
      throw cx.syntaxError(n.from);
  }
}

function unsupportedStmt(line: number, what: string): Stmt {
  return unsupported(line, `${what} not supported in this notebook`);
}

function importStmt(cx: Ctx, c: SyntaxNode[], line: number): Stmt {
  if (c[0]?.name === "from") {
    const impIdx = c.findIndex((x) => x.name === "import");
    const module = c
      .slice(1, impIdx)
      .map((x) => cx.text(x))
      .join("");
    if (module.startsWith(".")) throw cx.syntaxError(c[1]?.from ?? 0, "relative imports are not supported");
    const rest = c.slice(impIdx + 1).filter((x) => x.name !== "(" && x.name !== ")");
    const names: { name: string; asname: string | null }[] = [];
    for (const g of splitCommas(rest).groups) {
      const name = g[0] ? cx.text(g[0]) : "";
      if (name === "*") {
        return unsupportedStmt(line, "star imports (from ... import *) are");
      }
      const asname = g[1]?.name === "as" && g[2] ? cx.text(g[2]) : null;
      names.push({ name, asname });
    }
    return { line, k: "from", module, names };
  }
  const names: { module: string; asname: string | null }[] = [];
  for (const g of splitCommas(c.slice(1)).groups) {
    const asIdx = g.findIndex((x) => x.name === "as");
    const modNodes = asIdx >= 0 ? g.slice(0, asIdx) : g;
    const module = modNodes.map((x) => cx.text(x)).join("");
    const asNode = asIdx >= 0 ? g[asIdx + 1] : undefined;
    names.push({ module, asname: asNode ? cx.text(asNode) : null });
  }
  return { line, k: "import", names };
}

function checkTarget(cx: Ctx, t: Expr, pos: number): void {
  switch (t.k) {
    case "name":
    case "attr":
    case "sub":
      return;
    case "tuple":
    case "list":
      for (const x of t.items) checkTarget(cx, x, pos);
      return;
    case "starred":
      checkTarget(cx, t.e, pos);
      return;
    case "call":
      throw cx.syntaxError(pos, "cannot assign to function call here. Maybe you meant '==' instead of '='?");
    case "const":
      throw cx.syntaxError(pos, "cannot assign to literal here. Maybe you meant '==' instead of '='?");
    default:
      throw cx.syntaxError(pos, "cannot assign to expression here. Maybe you meant '==' instead of '='?");
  }
}

function params(cx: Ctx, c: SyntaxNode[]): Param[] {
  const inner = c.filter((x) => x.name !== "(" && x.name !== ")");
  const out: Param[] = [];
  let afterStar = false;
  for (const g of splitCommas(inner).groups) {
    const first = g[0];
    if (!first) continue;
    if (first.name === "*" || first.name === "**") {
      const nameNode = g[1];
      if (first.name === "*" && !nameNode) {
        afterStar = true;
        continue;
      }
      if (!nameNode) throw cx.syntaxError(first.from);
      out.push({ name: cx.text(nameNode), kind: first.name === "*" ? "varargs" : "varkw", default: null });
      if (first.name === "*") afterStar = true;
      continue;
    }
    if (first.name === "/") continue;
    const eq = g.findIndex((x) => x.name === "AssignOp");
    const defNode = eq >= 0 ? g[eq + 1] : undefined;
    out.push({
      name: cx.text(first),
      kind: afterStar ? "kwonly" : "normal",
      default: defNode ? expr(cx, defNode) : null,
    });
  }
  const seen = new Set<string>();
  for (const p of out) {
    if (seen.has(p.name)) {
      throw cx.syntaxError(c[0]?.from ?? 0, `duplicate argument '${p.name}' in function definition`);
    }
    seen.add(p.name);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Expressions

function binOp(cx: Ctx, op: string, pos: number): BinOp {
  switch (op) {
    case "+":
    case "-":
    case "*":
    case "/":
    case "//":
    case "%":
    case "**":
    case "@":
    case "&":
    case "|":
    case "^":
    case "<<":
    case ">>":
      return op;
    default:
      throw cx.syntaxError(pos);
  }
}

function cmpOp(op: string): CmpOp | null {
  switch (op) {
    case "<":
    case "<=":
    case ">":
    case ">=":
    case "==":
    case "!=":
    case "in":
    case "not in":
    case "is":
    case "is not":
      return op;
    default:
      return null;
  }
}

function opText(cx: Ctx, c: SyntaxNode[]): string {
  return c
    .slice(1, -1)
    .map((x) => cx.text(x))
    .join(" ");
}

function expr(cx: Ctx, n: SyntaxNode): Expr {
  const c = kids(n);
  const line = cx.line(n.from);
  switch (n.name) {
    case "VariableName":
      return { k: "name", id: cx.text(n), line };
    case "Number":
      return number(cx, n);
    case "String":
      return { k: "const", value: stringLiteral(cx, n) };
    case "FormatString":
      return fstring(cx, n);
    case "ContinuedString": {
      const parts: FPart[] = [];
      let anyF = false;
      for (const s of c) {
        if (s.name === "String") parts.push(stringLiteral(cx, s));
        else if (s.name === "FormatString") {
          anyF = true;
          const f = fstring(cx, s);
          if (f.k === "fstr") parts.push(...f.parts);
        }
      }
      if (!anyF) return { k: "const", value: parts.join("") };
      return { k: "fstr", parts };
    }
    case "Boolean":
      return { k: "const", value: cx.text(n) === "True" };
    case "None":
      return { k: "const", value: null };
    case "Ellipsis":
      return { k: "const", value: Ellipsis };
    case "ParenthesizedExpression": {
      const inner = c.filter((x) => x.name !== "(" && x.name !== ")");
      if (inner.length !== 1 || !inner[0]) throw cx.syntaxError(n.from);
      return expr(cx, inner[0]);
    }
    case "TupleExpression": {
      const inner = c.filter((x) => x.name !== "(" && x.name !== ")");
      const { groups } = splitCommas(inner);
      return { k: "tuple", items: groups.map((g) => groupExpr(cx, g)) };
    }
    case "ArrayExpression": {
      const inner = c.filter((x) => x.name !== "[" && x.name !== "]");
      return { k: "list", items: splitCommas(inner).groups.map((g) => groupExpr(cx, g)) };
    }
    case "SetExpression": {
      const inner = c.filter((x) => x.name !== "{" && x.name !== "}");
      return { k: "set", items: splitCommas(inner).groups.map((g) => groupExpr(cx, g)) };
    }
    case "DictionaryExpression": {
      const inner = c.filter((x) => x.name !== "{" && x.name !== "}");
      const items: ({ key: Expr; value: Expr } | { spread: Expr })[] = [];
      for (const g of splitCommas(inner).groups) {
        const [a, b, d] = g;
        if (a?.name === "**" && b) items.push({ spread: expr(cx, b) });
        else if (a && b?.name === ":" && d) items.push({ key: expr(cx, a), value: expr(cx, d) });
        else throw cx.syntaxError(a?.from ?? n.from);
      }
      return { k: "dict", items };
    }
    case "ArrayComprehensionExpression":
      return comprehension(cx, c.slice(1, -1), "list", line);
    case "SetComprehensionExpression":
      return comprehension(cx, c.slice(1, -1), "set", line);
    case "DictionaryComprehensionExpression":
      return comprehension(cx, c.slice(1, -1), "dict", line);
    case "ComprehensionExpression":
      return comprehension(cx, c.slice(1, -1), "gen", line);
    case "BinaryExpression": {
      const l = c[0];
      const r = c[c.length - 1];
      if (!l || !r || c.length < 3) throw cx.syntaxError(n.from);
      const op = opText(cx, c);
      if (op === "and" || op === "or") return { k: "bool", op, l: expr(cx, l), r: expr(cx, r) };
      const cop = cmpOp(op === "<>" ? "!=" : op);
      if (cop) {
        const left = expr(cx, l);
        const right = expr(cx, r);
        // lezer nests `a < b < c` as ((a < b) < c); parenthesised forms are separate nodes.
        if (left.k === "cmp" && l.name === "BinaryExpression") {
          return { k: "cmp", ops: [...left.ops, cop], operands: [...left.operands, right] };
        }
        return { k: "cmp", ops: [cop], operands: [left, right] };
      }
      return { k: "bin", op: binOp(cx, op, n.from), l: expr(cx, l), r: expr(cx, r) };
    }
    case "UnaryExpression": {
      const opNode = c[0];
      const operand = c[1];
      if (!opNode || !operand) throw cx.syntaxError(n.from);
      const t = cx.text(opNode);
      let op: UnaryOp;
      if (t === "-" || t === "+" || t === "~" || t === "not") op = t;
      else throw cx.syntaxError(n.from);
      const e = expr(cx, operand);
      // Fold `-3` and `-2.5` so negative literals cost nothing at run time.
      if (op === "-" && e.k === "const" && typeof e.value === "number")
        return { k: "const", value: -e.value };
      if (op === "-" && e.k === "const" && e.value instanceof PyFloat)
        return { k: "const", value: new PyFloat(-e.value.v) };
      return { k: "unary", op, e };
    }
    case "ConditionalExpression": {
      const [a, , t, , b] = c;
      if (!a || !t || !b) throw cx.syntaxError(n.from);
      return { k: "ifexp", test: expr(cx, t), body: expr(cx, a), orelse: expr(cx, b) };
    }
    case "LambdaExpression": {
      const pl = c.find((x) => x.name === "ParamList");
      const body = c[c.length - 1];
      if (!body) throw cx.syntaxError(n.from);
      return { k: "lambda", params: pl ? params(cx, kids(pl)) : [], body: expr(cx, body), line };
    }
    case "CallExpression": {
      const fnNode = c[0];
      const argList = c[1];
      if (!fnNode || !argList) throw cx.syntaxError(n.from);
      return { k: "call", fn: expr(cx, fnNode), args: callArgs(cx, kids(argList), line) };
    }
    case "MemberExpression": {
      const obj = c[0];
      if (!obj) throw cx.syntaxError(n.from);
      if (c[1]?.name === ".") {
        const prop = c[2];
        if (!prop) throw cx.syntaxError(n.to);
        return { k: "attr", obj: expr(cx, obj), name: cx.text(prop) };
      }
      return { k: "sub", obj: expr(cx, obj), index: subscript(cx, c.slice(2, -1), n.from) };
    }
    case "NamedExpression":
      return unsupportedExpr(line, "assignment expressions (:=) are not supported in this notebook");
    case "YieldExpression":
      return unsupportedExpr(line, "generators (yield) are not supported in this notebook");
    case "AwaitExpression":
      return unsupportedExpr(line, "async code is not supported in this notebook");
    default:
      throw cx.syntaxError(n.from);
  }
}

function unsupportedExpr(_line: number, what: string, exc = "NotImplementedError"): Expr {
  return { k: "raise", exc, msg: what };
}

function subscript(cx: Ctx, nodes: SyntaxNode[], pos: number): Expr {
  const { groups, trailing } = splitCommas(nodes);
  const items = groups.map((g) => {
    if (!g.some((x) => x.name === ":")) return groupExpr(cx, g);
    const parts: (Expr | null)[] = [null];
    for (const x of g) {
      if (x.name === ":") parts.push(null);
      else {
        if (parts[parts.length - 1] !== null) throw cx.syntaxError(x.from);
        parts[parts.length - 1] = expr(cx, x);
      }
    }
    if (parts.length > 3) throw cx.syntaxError(pos);
    return { k: "slice", lo: parts[0] ?? null, hi: parts[1] ?? null, step: parts[2] ?? null } satisfies Expr;
  });
  if (items.length === 1 && !trailing && items[0]) return items[0];
  return { k: "tuple", items };
}

function callArgs(cx: Ctx, c: SyntaxNode[], line: number): Arg[] {
  const inner = c.filter((x) => x.name !== "(" && x.name !== ")");
  if (inner.some((x) => x.name === "for")) {
    return [{ kind: "pos", value: comprehension(cx, inner, "gen", line) }];
  }
  const out: Arg[] = [];
  for (const g of splitCommas(inner).groups) {
    const [a, b, d] = g;
    if (!a) continue;
    if (a.name === "*" && b) out.push({ kind: "star", value: expr(cx, b) });
    else if (a.name === "**" && b) out.push({ kind: "dstar", value: expr(cx, b) });
    else if (b?.name === "AssignOp" && d) out.push({ kind: "kw", name: cx.text(a), value: expr(cx, d) });
    else if (g.length === 1) out.push({ kind: "pos", value: expr(cx, a) });
    else throw cx.syntaxError(b?.from ?? a.from);
  }
  return out;
}

function comprehension(cx: Ctx, c: SyntaxNode[], kind: "list" | "set" | "dict" | "gen", line: number): Expr {
  const forIdx = c.findIndex((x) => x.name === "for" || x.name === "async");
  if (forIdx < 0) throw cx.syntaxError(c[0]?.from ?? 0);
  if (c[forIdx]?.name === "async") {
    return unsupportedExpr(line, "async code is not supported in this notebook");
  }
  const head = c.slice(0, forIdx);
  let elt: Expr;
  let value: Expr | null = null;
  if (kind === "dict") {
    const colon = head.findIndex((x) => x.name === ":");
    const k = head[0];
    const v = head[colon + 1];
    if (colon !== 1 || !k || !v) throw cx.syntaxError(head[0]?.from ?? 0);
    elt = expr(cx, k);
    value = expr(cx, v);
  } else {
    elt = groupExpr(cx, head);
  }
  const gens: CompFor[] = [];
  let i = forIdx;
  while (i < c.length) {
    const x = c[i];
    if (!x) break;
    if (x.name === "for") {
      const inIdx = c.findIndex((y, j) => j > i && y.name === "in");
      if (inIdx < 0) throw cx.syntaxError(x.from);
      const target = exprList(cx, c.slice(i + 1, inIdx));
      checkTarget(cx, target, x.from);
      let j = inIdx + 1;
      while (j < c.length && c[j]?.name !== "for" && c[j]?.name !== "if") j++;
      gens.push({ target, iter: exprList(cx, c.slice(inIdx + 1, j)), ifs: [] });
      i = j;
    } else if (x.name === "if") {
      let j = i + 1;
      while (j < c.length && c[j]?.name !== "for" && c[j]?.name !== "if") j++;
      const g = gens[gens.length - 1];
      if (!g) throw cx.syntaxError(x.from);
      g.ifs.push(exprList(cx, c.slice(i + 1, j)));
      i = j;
    } else {
      throw cx.syntaxError(x.from);
    }
  }
  return { k: "comp", kind, elt, value, gens, line };
}

function number(cx: Ctx, n: SyntaxNode): Expr {
  const raw = cx.text(n).replace(/_/g, "");
  const lower = raw.toLowerCase();
  const line = cx.line(n.from);
  if (lower.endsWith("j")) return unsupportedExpr(line, "complex numbers are not supported in this notebook");
  let v: number;
  if (/^0[xob]/.test(lower)) {
    v = Number(BigInt(lower));
    if (Math.abs(v) > INT_LIMIT) return { k: "const", value: BigInt(lower) };
  } else if (/[.e]/.test(lower) || lower === "inf" || lower === "nan") {
    return { k: "const", value: new PyFloat(Number(lower)) };
  } else {
    if (/^0+\d/.test(lower)) {
      throw cx.syntaxError(
        n.from,
        "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
      );
    }
    v = Number(lower);
  }
  if (!(Math.abs(v) <= INT_LIMIT)) return { k: "const", value: BigInt(lower) };
  return { k: "const", value: v };
}

/** Decodes a string literal node (prefixes r, u, b; single or triple quotes; escapes). */
function stringLiteral(cx: Ctx, n: SyntaxNode): string {
  const raw = cx.text(n);
  const m = /^([A-Za-z]*)('''|"""|'|")/.exec(raw);
  if (!m) throw cx.syntaxError(n.from);
  const prefix = (m[1] ?? "").toLowerCase();
  const q = m[2] ?? "'";
  if (prefix.includes("b")) throw cx.syntaxError(n.from, "bytes literals are not supported in this notebook");
  const body = raw.slice(m[0].length, raw.length - q.length);
  return prefix.includes("r") ? body : unescapePy(body);
}

const SIMPLE_ESCAPES: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  f: "\f",
  v: "\v",
  "\n": "",
};

/** Python string escapes: `\n`, `\x41`, `\u00e9`, `\U0001F600`, octal `\101`; unknown escapes stay. */
export function unescapePy(s: string): string {
  if (!s.includes("\\")) return s;
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] ?? "";
    if (ch !== "\\" || i + 1 >= s.length) {
      out += ch;
      continue;
    }
    const nx = s[i + 1] ?? "";
    const simple = SIMPLE_ESCAPES[nx];
    if (simple !== undefined) {
      out += simple;
      i++;
    } else if (nx === "x" || nx === "u" || nx === "U") {
      const len = nx === "x" ? 2 : nx === "u" ? 4 : 8;
      const hex = s.slice(i + 2, i + 2 + len);
      out += String.fromCodePoint(Number.parseInt(hex, 16));
      i += 1 + len;
    } else if (/[0-7]/.test(nx)) {
      const oct = /^[0-7]{1,3}/.exec(s.slice(i + 1))?.[0] ?? "0";
      out += String.fromCharCode(Number.parseInt(oct, 8));
      i += oct.length;
    } else {
      out += ch;
    }
  }
  return out;
}

/** f-string node -> parts. Literal text comes from the source between replacement fields. */
function fstring(cx: Ctx, n: SyntaxNode): Expr {
  const raw = cx.text(n);
  const m = /^([A-Za-z]*)('''|"""|'|")/.exec(raw);
  if (!m) throw cx.syntaxError(n.from);
  const isRaw = (m[1] ?? "").toLowerCase().includes("r");
  const q = m[2] ?? "'";
  const start = n.from + m[0].length;
  const end = n.to - q.length;
  return { k: "fstr", parts: fparts(cx, n, start, end, isRaw) };
}

function literalPart(cx: Ctx, from: number, to: number, isRaw: boolean): string {
  const t = cx.src.slice(from, to).replace(/\{\{/g, "{").replace(/\}\}/g, "}");
  return isRaw ? t : unescapePy(t);
}

function fparts(cx: Ctx, n: SyntaxNode, start: number, end: number, isRaw: boolean): FPart[] {
  const parts: FPart[] = [];
  let pos = start;
  for (const r of kids(n)) {
    if (r.name !== "FormatReplacement") continue;
    if (r.from > pos) parts.push(literalPart(cx, pos, r.from, isRaw));
    parts.push(replacement(cx, r, isRaw));
    pos = r.to;
  }
  if (end > pos) parts.push(literalPart(cx, pos, end, isRaw));
  return parts.filter((p) => p !== "");
}

function replacement(cx: Ctx, r: SyntaxNode, isRaw: boolean): FPart {
  const c = kids(r).filter((x) => x.name !== "{" && x.name !== "}");
  const exprNodes: SyntaxNode[] = [];
  let conv: "r" | "s" | "a" | null = null;
  let spec: Expr | null = null;
  let selfDoc: string | null = null;
  for (const x of c) {
    if (x.name === "FormatConversion") {
      const t = cx.text(x).slice(1);
      if (t !== "r" && t !== "s" && t !== "a") throw cx.syntaxError(x.from);
      conv = t;
    } else if (x.name === "FormatSpec") {
      spec = { k: "fstr", parts: fparts(cx, x, x.from + 1, x.to, isRaw) };
    } else if (x.name === "FormatSelfDoc") {
      // `{x = }` prints the text between `{` and the conversion/spec (spacing kept), then the value.
      const after = c.find(
        (y) => y.from >= x.to && (y.name === "FormatConversion" || y.name === "FormatSpec"),
      );
      selfDoc = cx.src.slice(r.from + 1, after ? after.from : r.to - 1);
    } else exprNodes.push(x);
  }
  if (exprNodes.length === 0) throw cx.syntaxError(r.from, "f-string: empty expression not allowed");
  if (selfDoc !== null && conv === null && spec === null) conv = "r";
  return { expr: exprList(cx, exprNodes), conv, spec, selfDoc };
}
