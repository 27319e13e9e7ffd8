/**
 * A bound on how deeply untrusted JSON may nest. `JSON.parse` reads very deep
 * values (it does not recurse), but `JSON.stringify`, structured clone and
 * zod do, and throw `RangeError` past a few thousand levels: a notebook whose
 * metadata nests 200,000 levels would open and then fail to save, export or
 * share. Values deeper than the limit are replaced by null at the boundary,
 * with the path reported, so everything after it works.
 */

/** Deeper than any real notebook's metadata, far below what recursion can take. */
export const MAX_JSON_DEPTH = 100;

/**
 * Replaces, in place, every object or array nested deeper than `limit` by
 * null, and returns the paths (like `cells.3.metadata.a`) where it did. Never
 * recurses, so it is safe on any depth.
 */
export function pruneDeep(value: unknown, limit = MAX_JSON_DEPTH): string[] {
  const pruned: string[] = [];
  const stack: { node: object; depth: number; path: string }[] = [];
  if (typeof value === "object" && value !== null) stack.push({ node: value, depth: 1, path: "" });
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const { node, depth, path } = top;
    const entries: [string | number, unknown][] = Array.isArray(node)
      ? node.map((v, i): [number, unknown] => [i, v])
      : Object.entries(node);
    for (const [key, child] of entries) {
      if (typeof child !== "object" || child === null) continue;
      const where = path === "" ? String(key) : `${path}.${key}`;
      if (depth >= limit) {
        Reflect.set(node, key, null);
        pruned.push(where);
      } else {
        stack.push({ node: child, depth: depth + 1, path: where });
      }
    }
  }
  return pruned;
}
