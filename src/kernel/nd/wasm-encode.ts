/**
 * The byte encodings shared by the WebAssembly modules the kernel assembles
 * in TypeScript (matmul-wasm.ts, random-wasm.ts): LEB128 integers, sections
 * and names, as the WebAssembly binary format defines them.
 */

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  let v = n;
  do {
    let byte = v & 0x7f;
    v = Math.floor(v / 128);
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

/** A module section: its id, then its body's length and the body. */
export function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

/** A name (import, export): its length, then its bytes (ASCII). */
export function name(s: string): number[] {
  return [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
}
