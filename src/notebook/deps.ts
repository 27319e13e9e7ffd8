/**
 * Which cells to re-run after a cell changes.
 *
 * Each cell is analysed once per source text (from the @lezer/python syntax
 * tree) into the top-level names it defines and the top-level names it reads.
 * A later cell depends on the nearest earlier cell that defines a name it
 * reads, as when the notebook runs top to bottom. Re-running follows
 * observablehq/runtime: mark the changed cell dirty, walk forward marking
 * every cell that reads a name whose provider is dirty, run those in order.
 */
import type { SyntaxNode } from "@lezer/common";
import { parser } from "@lezer/python";

export interface CellAnalysis {
  /** Names the cell binds at module level (assignment, def, import, for, with, except, del). */
  defines: Set<string>;
  /**
   * Module-level names the cell reads before binding them itself, including
   * globals read inside its functions, lambdas and comprehensions, and the
   * base of a subscript or attribute it assigns to (`x[0] = 1` reads x).
   */
  uses: Set<string>;
  /** The part of `uses` read by module-level code, when the cell runs. */
  moduleUses: Set<string>;
  /** Globals read inside the cell's function and lambda bodies (also in `uses` unless defined here). */
  functionUses: Set<string>;
  /** Module-level code touches numpy's global random state (`np.random.*`, or a `random` module). */
  randomDirect: boolean;
  /** The bodies of the cell's functions or lambdas touch the global random state. */
  randomInFunctions: boolean;
  /** Whether module-level code calls `np.random.seed(...)`, restarting the random stream. */
  seedsRandom: boolean;
  /** Names whose methods module-level code calls (`d.append(1)`): the call may mutate them. */
  methodRoots: Set<string>;
  /** Names module-level code calls, directly (`f(x)`) or through an item or attribute (`fs[k](x)`). */
  calls: Set<string>;
}

interface Walk {
  defines: Set<string>;
  uses: Set<string>;
  /** Names surely bound so far at module level, in source order: reading them later is not a use. */
  bound: Set<string>;
  /** Globals read inside function and lambda bodies: they are read when called, not in order. */
  deferred: Set<string>;
  randomDirect: boolean;
  randomInFunctions: boolean;
  seeds: boolean;
  methodRoots: Set<string>;
  calls: Set<string>;
}

interface Ctx {
  /** Names local to the enclosing function, lambda and comprehension scopes. */
  locals: readonly ReadonlySet<string>[];
  /** Inside a function or lambda body (reads happen at call time). */
  deferred: boolean;
  /** Names the enclosing function declares `global`. */
  globals: ReadonlySet<string>;
}

const MODULE: Ctx = { locals: [], deferred: false, globals: new Set() };

const COMPREHENSIONS = new Set([
  "ArrayComprehensionExpression",
  "DictionaryComprehensionExpression",
  "SetComprehensionExpression",
  "ComprehensionExpression",
]);
const TARGET_GROUPS = new Set(["TupleExpression", "ArrayExpression", "ParenthesizedExpression"]);

function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c !== null; c = c.nextSibling) out.push(c);
  return out;
}

function isLocal(ctx: Ctx, name: string): boolean {
  return ctx.locals.some((scope) => scope.has(name));
}

/** The names an assignment target binds: `a`, `(a, [b, *c])`; not `a.b` or `a[0]`. */
function targetNames(node: SyntaxNode, text: (n: SyntaxNode) => string): string[] {
  if (node.name === "VariableName") return [text(node)];
  if (TARGET_GROUPS.has(node.name)) return children(node).flatMap((c) => targetNames(c, text));
  return [];
}

/** The names along `a.b[c].d`: the root variable's, then each attribute's (items are skipped). */
function chainNames(node: SyntaxNode, text: (n: SyntaxNode) => string): string[] {
  const names: string[] = [];
  let n: SyntaxNode | null = node;
  while (n !== null && n.name === "MemberExpression") {
    const last: SyntaxNode | null = n.lastChild;
    if (last !== null && last.name === "PropertyName") names.unshift(text(last));
    n = n.firstChild;
  }
  if (n !== null && n.name === "VariableName") names.unshift(text(n));
  return names;
}

/** The leftmost name of `a.b[c].d`, the object an attribute or item assignment mutates. */
function rootName(node: SyntaxNode): SyntaxNode | null {
  let n: SyntaxNode | null = node;
  while (n !== null && n.name === "MemberExpression") n = n.firstChild;
  return n !== null && n.name === "VariableName" ? n : null;
}

/** Splits `a = b, c = value` into target groups and the value, around the `=` signs. */
function assignParts(node: SyntaxNode): {
  targets: SyntaxNode[][];
  value: SyntaxNode[];
  other: SyntaxNode[];
} {
  const segments: SyntaxNode[][] = [[]];
  const other: SyntaxNode[] = [];
  for (const c of children(node)) {
    if (c.name === "AssignOp" || c.name === "UpdateOp") segments.push([]);
    else if (c.name === "TypeDef") other.push(c);
    else if (c.name !== "," && c.name !== "*") segments[segments.length - 1]?.push(c);
  }
  if (segments.length === 1) return { targets: [], value: [], other: [...other, ...(segments[0] ?? [])] };
  const value = segments.pop() ?? [];
  return { targets: segments, value, other };
}

/** `import a.b as c, d` binds c and d; `from m import x as y` binds y; `*` binds nothing we can know. */
function importedNames(node: SyntaxNode, text: (n: SyntaxNode) => string): string[] {
  const kids = children(node);
  const isFrom = kids[0]?.name === "from";
  const afterImport = kids.slice(kids.findIndex((k) => k.name === "import") + 1);
  const names: string[] = [];
  let group: SyntaxNode[] = [];
  const flush = () => {
    const asAt = group.findIndex((k) => k.name === "as");
    const alias = asAt >= 0 ? group[asAt + 1] : undefined;
    const dotted = (asAt >= 0 ? group.slice(0, asAt) : group).filter((k) => k.name === "VariableName");
    const bound = alias ?? (isFrom ? dotted[dotted.length - 1] : dotted[0]);
    if (bound !== undefined && bound.name === "VariableName") names.push(text(bound));
    group = [];
  };
  for (const k of afterImport) {
    if (k.name === ",") flush();
    else if (k.name !== "(" && k.name !== ")") group.push(k);
  }
  flush();
  return names;
}

/**
 * The names a function body binds (its locals, as Python decides them at
 * compile time), and the names it declares `global`. Nested function, class,
 * lambda and comprehension bodies are their own scopes and are not entered.
 */
function functionBindings(
  body: SyntaxNode,
  text: (n: SyntaxNode) => string,
): { locals: Set<string>; globals: Set<string> } {
  const locals = new Set<string>();
  const globals = new Set<string>();
  const scan = (node: SyntaxNode): void => {
    switch (node.name) {
      case "AssignStatement":
      case "UpdateStatement": {
        for (const group of assignParts(node).targets) {
          for (const t of group) for (const n of targetNames(t, text)) locals.add(n);
        }
        break;
      }
      case "DeleteStatement":
      case "ForStatement":
        for (const c of children(node)) {
          if (c.name === "in") break;
          for (const n of targetNames(c, text)) locals.add(n);
        }
        break;
      case "ImportStatement":
        for (const n of importedNames(node, text)) locals.add(n);
        return;
      case "FunctionDefinition":
      case "ClassDefinition": {
        const name = children(node).find((c) => c.name === "VariableName");
        if (name !== undefined) locals.add(text(name));
        return;
      }
      case "LambdaExpression":
        return;
      case "ScopeStatement":
        for (const c of children(node)) if (c.name === "VariableName") globals.add(text(c));
        return;
      default:
        if (COMPREHENSIONS.has(node.name)) return;
    }
    const kids = children(node);
    kids.forEach((c, i) => {
      if (c.name === "as") {
        const target = kids[i + 1];
        if (target !== undefined) for (const n of targetNames(target, text)) locals.add(n);
      }
      scan(c);
    });
  };
  scan(body);
  for (const g of globals) locals.delete(g);
  return { locals, globals };
}

/** Analyses one cell's Python source. See `CellAnalysis`. */
export function analyzeCell(source: string): CellAnalysis {
  const tree = parser.parse(source);
  const text = (n: SyntaxNode): string => source.slice(n.from, n.to);
  const w: Walk = {
    defines: new Set(),
    uses: new Set(),
    bound: new Set(),
    deferred: new Set(),
    randomDirect: false,
    randomInFunctions: false,
    seeds: false,
    methodRoots: new Set(),
    calls: new Set(),
  };

  const read = (name: string, ctx: Ctx): void => {
    if (isLocal(ctx, name) && !ctx.globals.has(name)) return;
    if (ctx.deferred) w.deferred.add(name);
    else if (!w.bound.has(name)) w.uses.add(name);
  };
  const define = (name: string, ctx: Ctx): void => {
    if (ctx.locals.length === 0 || ctx.globals.has(name)) {
      w.defines.add(name);
      if (!ctx.deferred) w.bound.add(name);
    }
  };
  const assignTarget = (node: SyntaxNode, ctx: Ctx): void => {
    if (node.name === "VariableName") define(text(node), ctx);
    else if (TARGET_GROUPS.has(node.name)) for (const c of children(node)) assignTarget(c, ctx);
    else if (node.name === "MemberExpression") {
      // Item or attribute assignment mutates the object: a read of it, then (at module level) a new version.
      visit(node, ctx);
      const root = rootName(node);
      if (root !== null && ctx.locals.length === 0) define(text(root), ctx);
    } else visit(node, ctx);
  };

  /** Visits a parameter list: defaults and annotations now, in `ctx`; returns the parameter names. */
  const params = (list: SyntaxNode | undefined, ctx: Ctx): Set<string> => {
    const names = new Set<string>();
    if (list === undefined) return names;
    let afterEquals = false;
    for (const c of children(list)) {
      if (c.name === "AssignOp") afterEquals = true;
      else if (c.name === ",") afterEquals = false;
      else if (c.name === "VariableName" && !afterEquals) names.add(text(c));
      else if (c.name !== "*" && c.name !== "**" && c.name !== "(" && c.name !== ")") visit(c, ctx);
    }
    return names;
  };

  const visitFunction = (node: SyntaxNode, ctx: Ctx): void => {
    const kids = children(node);
    const name = kids.find((c) => c.name === "VariableName");
    const paramNames = params(
      kids.find((c) => c.name === "ParamList"),
      ctx,
    );
    for (const c of kids) if (c.name === "TypeDef") visit(c, ctx);
    if (name !== undefined) define(text(name), ctx);
    const body = kids.find((c) => c.name === "Body");
    if (body === undefined) return;
    const { locals, globals } = functionBindings(body, text);
    for (const p of paramNames) locals.add(p);
    visit(body, { locals: [...ctx.locals, locals], deferred: true, globals });
  };

  const visitClass = (node: SyntaxNode, ctx: Ctx): void => {
    const kids = children(node);
    const name = kids.find((c) => c.name === "VariableName");
    for (const c of kids) if (c.name === "ArgList") visit(c, ctx);
    if (name !== undefined) define(text(name), ctx);
    const body = kids.find((c) => c.name === "Body");
    if (body === undefined) return;
    const { locals, globals } = functionBindings(body, text);
    visit(body, { locals: [...ctx.locals, locals], deferred: true, globals });
  };

  const visitLambda = (node: SyntaxNode, ctx: Ctx): void => {
    const kids = children(node);
    const paramNames = params(
      kids.find((c) => c.name === "ParamList"),
      ctx,
    );
    const colon = kids.findIndex((c) => c.name === ":");
    const inner: Ctx = { locals: [...ctx.locals, paramNames], deferred: true, globals: new Set() };
    for (const c of kids.slice(colon + 1)) visit(c, inner);
  };

  const visitComprehension = (node: SyntaxNode, ctx: Ctx): void => {
    const kids = children(node);
    const vars = new Set<string>();
    let inTarget = false;
    for (const c of kids) {
      if (c.name === "for") inTarget = true;
      else if (c.name === "in") inTarget = false;
      else if (inTarget) for (const n of targetNames(c, text)) vars.add(n);
    }
    // The first iterable is evaluated in the enclosing scope, the rest in the comprehension's own.
    const inner: Ctx = { locals: [...ctx.locals, vars], deferred: ctx.deferred, globals: ctx.globals };
    const firstIn = kids.findIndex((c) => c.name === "in");
    let inFirstIterable = false;
    kids.forEach((c, i) => {
      if (i === firstIn) inFirstIterable = true;
      else if (c.name === "for" || c.name === "if") inFirstIterable = false;
      visit(c, inFirstIterable ? ctx : inner);
    });
  };

  const visitFor = (node: SyntaxNode, ctx: Ctx): void => {
    const kids = children(node);
    const inAt = kids.findIndex((c) => c.name === "in");
    const firstBody = kids.findIndex((c) => c.name === "Body");
    for (const c of kids.slice(inAt + 1, firstBody)) visit(c, ctx);
    const saved = new Set(w.bound);
    for (const c of kids.slice(1, inAt)) assignTarget(c, ctx);
    for (const c of kids.slice(firstBody)) visit(c, ctx);
    // The loop may run zero times: its targets are not surely bound after it.
    w.bound = saved;
  };

  const visitArgList = (node: SyntaxNode, ctx: Ctx): void => {
    // `sum(b for b in B)`: a bare generator argument is parsed straight into the ArgList.
    if (children(node).some((c) => c.name === "for")) {
      visitComprehension(node, ctx);
      return;
    }
    for (const c of children(node)) {
      // `f(low=x)`: `low` names a parameter, it is not a read.
      if (c.name === "VariableName" && c.nextSibling?.name === "AssignOp") continue;
      visit(c, ctx);
    }
  };

  function visit(node: SyntaxNode, ctx: Ctx): void {
    switch (node.name) {
      case "VariableName":
        read(text(node), ctx);
        return;
      case "AssignStatement": {
        const parts = assignParts(node);
        for (const c of parts.value) visit(c, ctx);
        for (const c of parts.other) visit(c, ctx);
        for (const group of parts.targets) for (const t of group) assignTarget(t, ctx);
        return;
      }
      case "UpdateStatement": {
        const parts = assignParts(node);
        for (const c of parts.value) visit(c, ctx);
        for (const group of parts.targets) {
          for (const t of group) {
            if (t.name === "VariableName") read(text(t), ctx);
            assignTarget(t, ctx);
          }
        }
        return;
      }
      case "DeleteStatement":
        for (const c of children(node)) if (c.name !== "del" && c.name !== ",") assignTarget(c, ctx);
        return;
      case "ForStatement":
        visitFor(node, ctx);
        return;
      case "FunctionDefinition":
        visitFunction(node, ctx);
        return;
      case "ClassDefinition":
        visitClass(node, ctx);
        return;
      case "LambdaExpression":
        visitLambda(node, ctx);
        return;
      case "ImportStatement":
        for (const n of importedNames(node, text)) define(n, ctx);
        return;
      case "ArgList":
        visitArgList(node, ctx);
        return;
      case "MemberExpression": {
        // `np.random.randn(...)`, `numpy.random.seed(...)`, `random.random()`: the global random state.
        const names = chainNames(node, text);
        if (names.includes("random")) {
          if (ctx.deferred) w.randomInFunctions = true;
          else {
            w.randomDirect = true;
            const parent = node.parent;
            const isCallee = parent?.name === "CallExpression" && parent.firstChild?.from === node.from;
            if (isCallee && names[names.length - 1] === "seed") w.seeds = true;
          }
        }
        const parent = node.parent;
        const root = rootName(node);
        if (
          !ctx.deferred &&
          root !== null &&
          parent?.name === "CallExpression" &&
          parent.firstChild?.from === node.from
        )
          w.methodRoots.add(text(root));
        break;
      }
      case "CallExpression": {
        const callee = node.firstChild;
        if (!ctx.deferred && callee !== null) {
          const root = callee.name === "VariableName" ? callee : rootName(callee);
          if (root !== null) w.calls.add(text(root));
        }
        break;
      }
      case "ScopeStatement":
        return;
      default:
        break;
    }
    if (COMPREHENSIONS.has(node.name)) {
      visitComprehension(node, ctx);
      return;
    }
    // A block may not run (if, loop, except) or may run again after later lines (loops), so
    // what it binds does not count as bound for the reads after it: reading such a name is a use.
    const saved = node.name === "Body" && !ctx.deferred ? new Set(w.bound) : null;
    // `with e as t`, `except E as t`: the name after `as` is bound.
    const kids = children(node);
    kids.forEach((c, i) => {
      if (kids[i - 1]?.name === "as") assignTarget(c, ctx);
      else visit(c, ctx);
    });
    if (saved !== null) w.bound = saved;
  }

  visit(tree.topNode, MODULE);
  const moduleUses = new Set(w.uses);
  for (const name of w.deferred) if (!w.defines.has(name)) w.uses.add(name);
  return {
    defines: w.defines,
    uses: w.uses,
    moduleUses,
    functionUses: w.deferred,
    randomDirect: w.randomDirect,
    randomInFunctions: w.randomInFunctions,
    seedsRandom: w.seeds,
    methodRoots: w.methodRoots,
    calls: w.calls,
  };
}

/** One top-level statement of a cell: its text and its own analysis. */
export interface StatementAnalysis extends CellAnalysis {
  text: string;
  /** A `def` or `class` statement: re-running it makes an equal object when its text and definition-time reads are unchanged. */
  isDefinition: boolean;
  isImport: boolean;
}

/** Splits a cell into its top-level statements (comments left out) and analyses each on its own. */
export function analyzeStatements(source: string): StatementAnalysis[] {
  const tree = parser.parse(source);
  const out: StatementAnalysis[] = [];
  for (let c = tree.topNode.firstChild; c !== null; c = c.nextSibling) {
    if (c.name === "Comment") continue;
    const text = source.slice(c.from, c.to);
    // A decorated definition parses as one node whose children include the decorators.
    const isDefinition =
      c.name === "FunctionDefinition" || c.name === "ClassDefinition" || c.name === "DecoratedStatement";
    out.push({ ...analyzeCell(text), text, isDefinition, isImport: c.name === "ImportStatement" });
  }
  return out;
}

/** Analyses by source text, so unchanged cells are parsed once. Bounded: oldest entries go first. */
export interface AnalysisCache {
  get(source: string): CellAnalysis;
  statements(source: string): StatementAnalysis[];
}

export function createAnalysisCache(maxEntries = 500): AnalysisCache {
  const entries = new Map<string, CellAnalysis>();
  const split = new Map<string, StatementAnalysis[]>();
  return {
    statements(source) {
      const hit = split.get(source);
      if (hit !== undefined) return hit;
      const parts = analyzeStatements(source);
      split.set(source, parts);
      if (split.size > maxEntries) {
        const oldest = split.keys().next();
        if (oldest.done !== true) split.delete(oldest.value);
      }
      return parts;
    },
    get(source) {
      const hit = entries.get(source);
      if (hit !== undefined) {
        // Re-insert to mark it recently used.
        entries.delete(source);
        entries.set(source, hit);
        return hit;
      }
      const analysis = analyzeCell(source);
      entries.set(source, analysis);
      if (entries.size > maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done !== true) entries.delete(oldest.value);
      }
      return analysis;
    },
  };
}
