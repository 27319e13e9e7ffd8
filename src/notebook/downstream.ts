/**
 * Which cells to re-run after a cell changes, statement by statement.
 *
 * Each top-level statement of a cell binds names. A name is *dirty* when the
 * re-run makes it a different value: its statement changed, read a dirty name,
 * drew random numbers, or re-created an object other cells mutate. A `def`
 * (or `class`, or `import`) that re-runs with the same text and clean
 * definition-time reads makes an equal object, so it stays clean; what its
 * body reads at call time is kept as the name's `refs` instead, and a reader
 * of the function is dirty when any name reached through `refs` (resolved
 * where the reader is, as Python looks globals up at call time) is dirty.
 * So a function that reads the global `depth` makes its callers depend on
 * `depth`, and a cell that redefines unchanged functions does not re-run
 * their readers. This follows observablehq/runtime: mark dirty, walk forward
 * in notebook order, re-run each reached cell once.
 */
import { type AnalysisCache, createAnalysisCache, type StatementAnalysis } from "./deps.ts";

export interface DepCell {
  id: string;
  source: string;
  /** Cells other than code cells are skipped. Defaults to code. */
  cell_type?: string;
}

/**
 * How re-runs follow numpy's global random state, which no name carries:
 * - "ignore": not at all; only names count.
 * - "reseed": when the changed cell calls `np.random.seed`, every later cell
 *   that draws random numbers re-runs, in order, until a cell seeds again (so
 *   changing the seed changes every number below, as "Run all" would). An edit
 *   elsewhere is assumed to draw as many numbers as before.
 * - "all": any change to a cell that draws random numbers re-runs every later
 *   one (exactly "Run all" for the random numbers, at the cost of re-running most
 *   of the notebook).
 * A cell draws random numbers if its module-level code touches `np.random`, or
 * it reads any name defined by a cell whose functions do (directly, or through
 * names of yet earlier such cells). That is per cell, not per function, so that
 * `inits = {"naive": naive_init}` and a `forward(X, init)` that calls what it
 * is given are caught too; the price is a few extra re-runs.
 */
export type RandomStatePolicy = "ignore" | "reseed" | "all";

export interface DownstreamOptions {
  cache?: AnalysisCache;
  randomState?: RandomStatePolicy;
  /**
   * The changed cell's source when it last ran. Its statements whose text is
   * in there are not changes in themselves. Unknown: every statement changed.
   */
  previousSource?: string;
}

interface NameState {
  /** The value differs from the one the last run made. */
  dirty: boolean;
  /** Names read when the value is used (a function's globals; the functions a dict holds). */
  refs: ReadonlySet<string>;
  /** Defined by a cell whose functions may draw random numbers. */
  randomFns: boolean;
  fromImport: boolean;
}

/**
 * The cells after `changedId`, in notebook order, that must re-run. Each id
 * appears once. Empty when `changedId` is unknown.
 */
export function downstream(
  cells: readonly DepCell[],
  changedId: string,
  options: DownstreamOptions | AnalysisCache = {},
): string[] {
  const {
    cache = createAnalysisCache(),
    randomState = "ignore",
    previousSource,
  }: DownstreamOptions = "get" in options ? { cache: options } : options;
  const code = cells.filter((c) => (c.cell_type ?? "code") === "code");
  const start = code.findIndex((c) => c.id === changedId);
  if (start < 0) return [];
  /** For each name, the cells that bind or mutate it: a re-created object other cells touch is a new value. */
  const touchedBy = new Map<string, Set<string>>();
  for (const cell of code) {
    const a = cache.get(cell.source);
    for (const name of [...a.defines, ...a.methodRoots]) {
      const ids = touchedBy.get(name) ?? new Set<string>();
      ids.add(cell.id);
      touchedBy.set(name, ids);
    }
  }
  const sharedWithOthers = (name: string, id: string): boolean =>
    [...(touchedBy.get(name) ?? [])].some((other) => other !== id);

  const providers = new Map<string, NameState>();
  let streamDirty = false;
  const result: string[] = [];

  code.forEach((cell, index) => {
    const a = cache.get(cell.source);
    const statements = cache.statements(cell.source);
    const local = new Map<string, NameState>();
    const lookup = (name: string): NameState | undefined => local.get(name) ?? providers.get(name);
    /** Whether any name, or anything reached through the refs of functions and holders, is dirty. */
    const reaches = (names: Iterable<string>): boolean => {
      const seen = new Set<string>();
      const todo = [...names];
      for (let name = todo.pop(); name !== undefined; name = todo.pop()) {
        if (seen.has(name)) continue;
        seen.add(name);
        const st = lookup(name);
        if (st === undefined) continue;
        if (st.dirty) return true;
        todo.push(...st.refs);
      }
      return false;
    };
    const anyRandomFn = (names: Iterable<string>): boolean => {
      for (const name of names) if (lookup(name)?.randomFns === true) return true;
      return false;
    };
    const randomFns = a.randomInFunctions || anyRandomFn(a.functionUses);
    const draws = a.randomDirect || anyRandomFn(a.moduleUses);
    const streamHit = index > start && randomState !== "ignore" && draws && !a.seedsRandom && streamDirty;
    const previous =
      index === start && previousSource !== undefined ? previousTexts(cache, previousSource) : null;

    /** Binds each statement's names in order; with `reruns`, decides which became new values. */
    const bind = (reruns: boolean): boolean => {
      local.clear();
      let any = false;
      for (const s of statements) {
        const changed = index === start && (previous === null || !take(previous, s.text));
        const readsDirty = reaches(s.moduleUses);
        if (changed || readsDirty || streamHit) any = true;
        const refs = new Set([
          ...s.functionUses,
          ...[...s.moduleUses].filter((n) => (lookup(n)?.refs.size ?? 0) > 0),
        ]);
        let dirty = false;
        if (reruns) dirty = changed || readsDirty || streamHit || remakes(s, cell.id);
        for (const name of s.defines)
          local.set(name, { dirty, refs, randomFns, fromImport: s.isImport && !dirty });
        if (reruns) {
          // `d.append(x)` run again changes d.
          for (const name of s.methodRoots) {
            const st = lookup(name);
            if (st !== undefined && !st.fromImport) local.set(name, { ...st, dirty: true });
          }
        }
      }
      return any;
    };
    /** Whether a statement re-run with unchanged inputs still makes a different value. */
    const remakes = (s: StatementAnalysis, id: string): boolean => {
      if (s.isImport) return false;
      const drawsHere = randomState !== "ignore" && (s.randomDirect || anyRandomFn(s.calls));
      if (drawsHere) return true;
      if (s.isDefinition) return false;
      return [...s.defines].some((name) => sharedWithOthers(name, id));
    };

    let dirty = index === start;
    if (index >= start) {
      if (index > start) dirty = bind(false);
      bind(dirty);
      if (index > start && dirty) result.push(cell.id);
    } else bind(false);
    for (const [name, st] of local) providers.set(name, st);

    if (index === start) {
      if (a.seedsRandom) streamDirty = randomState !== "ignore";
      else if (draws) streamDirty = randomState === "all";
    } else if (a.seedsRandom) {
      // A re-run seeder restarts the stream; if it re-runs, its seed may have changed.
      streamDirty = dirty;
    } else if (draws && dirty && randomState === "all") {
      // Changed inputs may change how many numbers it draws.
      streamDirty = true;
    }
  });
  return result;
}

/** The statement texts of a source, as a multiset. */
function previousTexts(cache: AnalysisCache, source: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of cache.statements(source)) counts.set(s.text, (counts.get(s.text) ?? 0) + 1);
  return counts;
}

function take(counts: Map<string, number>, text: string): boolean {
  const n = counts.get(text) ?? 0;
  if (n === 0) return false;
  counts.set(text, n - 1);
  return true;
}
