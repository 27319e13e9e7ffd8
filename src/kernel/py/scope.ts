/**
 * Scope analysis, done once per cell before compiling: which names of a
 * function are fast locals (array slots), which are cells (captured by an
 * inner function or comprehension), which are free (read from an enclosing
 * function) and which are globals. Mirrors CPython's symtable rules:
 * assignment anywhere in a function makes a name local unless declared
 * `global`/`nonlocal`; comprehensions are their own function scope whose first
 * iterable is evaluated in the enclosing scope.
 */
import type { Expr, Param, Stmt } from "./ast.ts";
import { PyException } from "./errors.ts";

export type Resolution =
  | { kind: "global" }
  | { kind: "local"; slot: number }
  | { kind: "cell"; index: number };

/** A function-like scope (def, lambda, comprehension) or the module (cell) scope. */
export class Scope {
  readonly assigned = new Set<string>();
  readonly used = new Set<string>();
  readonly globals = new Set<string>();
  readonly nonlocals = new Set<string>();
  readonly children: Scope[] = [];
  /** Names stored in cells: own captured locals first, then free variables. */
  readonly cellNames: string[] = [];
  /** Free variable name -> where the enclosing scope keeps it (its cell index). */
  readonly freeFrom = new Map<string, number>();
  /** Fast local names -> slot. */
  readonly slots = new Map<string, number>();
  /** Own cell variables (captured by inner scopes). */
  readonly ownCells = new Set<string>();
  constructor(
    readonly kind: "module" | "function",
    readonly parent: Scope | null,
    readonly params: readonly string[] = [],
  ) {
    for (const p of params) this.assigned.add(p);
    parent?.children.push(this);
  }

  isLocal(name: string): boolean {
    return (
      this.kind === "function" &&
      this.assigned.has(name) &&
      !this.globals.has(name) &&
      !this.nonlocals.has(name)
    );
  }

  resolve(name: string): Resolution {
    if (this.kind === "module" || this.globals.has(name)) return { kind: "global" };
    const cell = this.cellNames.indexOf(name);
    if (cell >= 0) return { kind: "cell", index: cell };
    const slot = this.slots.get(name);
    if (slot !== undefined) return { kind: "local", slot };
    return { kind: "global" };
  }

  cellIndex(name: string): number {
    return this.cellNames.indexOf(name);
  }
}

/** Scopes of the def/lambda/comprehension nodes of one cell, keyed by AST node. */
export type ScopeMap = WeakMap<object, Scope>;

export function analyse(body: Stmt[]): { module: Scope; scopes: ScopeMap } {
  const scopes: ScopeMap = new WeakMap();
  const module = new Scope("module", null);
  for (const s of body) visitStmt(s, module, scopes);
  finish(module);
  return { module, scopes };
}

function paramNames(params: Param[]): string[] {
  return params.map((p) => p.name);
}

function assignTarget(t: Expr, sc: Scope, scopes: ScopeMap): void {
  switch (t.k) {
    case "name":
      sc.assigned.add(t.id);
      return;
    case "tuple":
    case "list":
      for (const x of t.items) assignTarget(x, sc, scopes);
      return;
    case "starred":
      assignTarget(t.e, sc, scopes);
      return;
    default:
      visitExpr(t, sc, scopes);
  }
}

function visitStmt(s: Stmt, sc: Scope, scopes: ScopeMap): void {
  switch (s.k) {
    case "expr":
      visitExpr(s.e, sc, scopes);
      return;
    case "assign":
      visitExpr(s.value, sc, scopes);
      for (const t of s.targets) assignTarget(t, sc, scopes);
      return;
    case "aug":
      visitExpr(s.value, sc, scopes);
      visitExpr(s.target, sc, scopes);
      assignTarget(s.target, sc, scopes);
      return;
    case "if":
    case "while":
      visitExpr(s.test, sc, scopes);
      for (const x of s.body) visitStmt(x, sc, scopes);
      for (const x of s.orelse) visitStmt(x, sc, scopes);
      return;
    case "for":
      visitExpr(s.iter, sc, scopes);
      assignTarget(s.target, sc, scopes);
      for (const x of s.body) visitStmt(x, sc, scopes);
      for (const x of s.orelse) visitStmt(x, sc, scopes);
      return;
    case "def": {
      for (const p of s.params) if (p.default) visitExpr(p.default, sc, scopes);
      sc.assigned.add(s.name);
      const inner = new Scope("function", sc, paramNames(s.params));
      scopes.set(s, inner);
      for (const x of s.body) visitStmt(x, inner, scopes);
      return;
    }
    case "return":
      if (s.value) visitExpr(s.value, sc, scopes);
      return;
    case "import":
      for (const n of s.names) sc.assigned.add(n.asname ?? n.module.split(".")[0] ?? n.module);
      return;
    case "from":
      for (const n of s.names) sc.assigned.add(n.asname ?? n.name);
      return;
    case "assert":
      visitExpr(s.test, sc, scopes);
      if (s.msg) visitExpr(s.msg, sc, scopes);
      return;
    case "del":
      for (const t of s.targets) assignTarget(t, sc, scopes);
      return;
    case "global":
      for (const n of s.names) sc.globals.add(n);
      return;
    case "nonlocal":
      if (sc.kind === "module") {
        throw new PyException("SyntaxError", "nonlocal declaration not allowed at module level");
      }
      for (const n of s.names) sc.nonlocals.add(n);
      return;
    case "break":
    case "continue":
    case "pass":
      return;
    default: {
      const never: never = s;
      throw new Error(`unknown statement ${JSON.stringify(never)}`);
    }
  }
}

function visitExpr(e: Expr, sc: Scope, scopes: ScopeMap): void {
  switch (e.k) {
    case "name":
      sc.used.add(e.id);
      return;
    case "const":
    case "raise":
      return;
    case "fstr":
      for (const p of e.parts) {
        if (typeof p === "string") continue;
        visitExpr(p.expr, sc, scopes);
        if (p.spec) visitExpr(p.spec, sc, scopes);
      }
      return;
    case "bin":
    case "bool":
      visitExpr(e.l, sc, scopes);
      visitExpr(e.r, sc, scopes);
      return;
    case "unary":
      visitExpr(e.e, sc, scopes);
      return;
    case "starred":
      visitExpr(e.e, sc, scopes);
      return;
    case "cmp":
      for (const x of e.operands) visitExpr(x, sc, scopes);
      return;
    case "ifexp":
      visitExpr(e.test, sc, scopes);
      visitExpr(e.body, sc, scopes);
      visitExpr(e.orelse, sc, scopes);
      return;
    case "lambda": {
      for (const p of e.params) if (p.default) visitExpr(p.default, sc, scopes);
      const inner = new Scope("function", sc, paramNames(e.params));
      scopes.set(e, inner);
      visitExpr(e.body, inner, scopes);
      return;
    }
    case "call":
      visitExpr(e.fn, sc, scopes);
      for (const a of e.args) visitExpr(a.value, sc, scopes);
      return;
    case "attr":
      visitExpr(e.obj, sc, scopes);
      return;
    case "sub":
      visitExpr(e.obj, sc, scopes);
      visitExpr(e.index, sc, scopes);
      return;
    case "slice":
      if (e.lo) visitExpr(e.lo, sc, scopes);
      if (e.hi) visitExpr(e.hi, sc, scopes);
      if (e.step) visitExpr(e.step, sc, scopes);
      return;
    case "tuple":
    case "list":
    case "set":
      for (const x of e.items) visitExpr(x, sc, scopes);
      return;
    case "dict":
      for (const it of e.items) {
        if ("spread" in it) visitExpr(it.spread, sc, scopes);
        else {
          visitExpr(it.key, sc, scopes);
          visitExpr(it.value, sc, scopes);
        }
      }
      return;
    case "comp": {
      const first = e.gens[0];
      if (first) visitExpr(first.iter, sc, scopes);
      const inner = new Scope("function", sc);
      scopes.set(e, inner);
      e.gens.forEach((g, i) => {
        if (i > 0) visitExpr(g.iter, inner, scopes);
        assignTarget(g.target, inner, scopes);
        for (const c of g.ifs) visitExpr(c, inner, scopes);
      });
      visitExpr(e.elt, inner, scopes);
      if (e.value) visitExpr(e.value, inner, scopes);
      return;
    }
    default: {
      const never: never = e;
      throw new Error(`unknown expression ${JSON.stringify(never)}`);
    }
  }
}

/** Marks `name` free in `sc`, resolving it in the enclosing function scopes. Returns false if global. */
function bindFree(sc: Scope, name: string): boolean {
  if (sc.freeFrom.has(name) || sc.ownCells.has(name)) return true;
  let owner = sc.parent;
  while (owner && owner.kind === "function" && !owner.isLocal(name) && !owner.nonlocals.has(name)) {
    if (owner.globals.has(name)) return false;
    owner = owner.parent;
  }
  if (!owner || owner.kind === "module") return false;
  const parent = sc.parent;
  if (!parent) return false;
  // Make the name available as a cell in the parent (own cell or free in turn).
  if (parent.isLocal(name)) parent.ownCells.add(name);
  else bindFree(parent, name);
  sc.freeFrom.set(name, -1);
  return true;
}

function finish(sc: Scope): void {
  // Children first: their free variables decide which of our locals are cells.
  for (const c of sc.children) resolveFree(c);
  layout(sc);
}

function resolveFree(sc: Scope): void {
  for (const c of sc.children) resolveFree(c);
  for (const n of sc.nonlocals) {
    if (!bindFree(sc, n)) throw new PyException("SyntaxError", `no binding for nonlocal '${n}' found`);
  }
  for (const n of sc.used) {
    if (sc.isLocal(n) || sc.globals.has(n)) continue;
    bindFree(sc, n);
  }
}

function layout(sc: Scope): void {
  if (sc.kind === "function") {
    for (const n of sc.ownCells) sc.cellNames.push(n);
    for (const n of sc.freeFrom.keys()) if (!sc.ownCells.has(n)) sc.cellNames.push(n);
    for (const n of sc.assigned) {
      if (sc.isLocal(n) && !sc.ownCells.has(n)) sc.slots.set(n, sc.slots.size);
    }
  }
  for (const c of sc.children) layout(c);
  // Free variables of a child come from our cells.
  for (const c of sc.children) {
    for (const n of c.freeFrom.keys()) c.freeFrom.set(n, sc.cellIndex(n));
  }
}
