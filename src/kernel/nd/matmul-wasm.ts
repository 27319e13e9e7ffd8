/**
 * A WebAssembly SIMD (f64x2) version of the packed 4x4 matmul kernel, behind
 * the same `MatmulKernel` interface as `blockedMatmul`.
 *
 * The module is a few hundred bytes assembled below from the WebAssembly
 * binary format (no JS is generated or evaluated). Its one function runs the
 * 4x4 micro-kernel down a column of A panels: for each panel, eight f64x2
 * accumulators collect `acc += a[r] * b[j:j+2]` over p = 0..kc-1 and are
 * then added into C. Each element of C therefore sums its products in the
 * same order as `blockedMatmul`, and the two kernels give identical results.
 *
 * The JS side packs A and B into the module's memory exactly as
 * `blockedMatmul` does and keeps a zero-padded copy of C there. That memory
 * is scratch: every call rewrites what it reads, so no state carries over.
 */
import { name, section, uleb } from "./wasm-encode.ts";
import { pollInterrupt } from "./interrupt.ts";
import { blockedMatmul, type MatmulKernel, type StridedMatrix } from "./matmul-kernel.ts";

// Instruction encodings used by the kernel.
const op = {
  localGet: (i: number) => [0x20, ...uleb(i)],
  localSet: (i: number) => [0x21, ...uleb(i)],
  localTee: (i: number) => [0x22, ...uleb(i)],
  i32Const: (v: number) => [0x41, ...uleb(v)], // small non-negative constants only (< 64)
  i32Add: [0x6a],
  i32Sub: [0x6b],
  i32Mul: [0x6c],
  i32Shl: [0x74],
  i32LtU: [0x49],
  loop: [0x03, 0x40],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  end: [0x0b],
  f64Load: (offset: number) => [0x2b, 3, ...uleb(offset)],
  v128Load: (offset: number) => [0xfd, 0x00, 3, ...uleb(offset)],
  v128Store: (offset: number) => [0xfd, 0x0b, 3, ...uleb(offset)],
  v128Zero: [0xfd, 0x0c, ...new Array<number>(16).fill(0)],
  f64x2Splat: [0xfd, 0x14],
  f64x2Add: [0xfd, ...uleb(0xf0)],
  f64x2Mul: [0xfd, ...uleb(0xf2)],
};

/**
 * `panel(a, b, c, kc, np, ldc)` (byte addresses; ldc in bytes): for ip in
 * [0, np): C[4 rows at c + 4*ip*ldc, 4 cols] += Apanel_ip (4 x kc) @ Bpanel (kc x 4).
 */
function kernelModuleBytes(): Uint8Array<ArrayBuffer> {
  const [A, B, C, KC, NP, LDC] = [0, 1, 2, 3, 4, 5];
  const [IP, P, IA, IB, CC] = [6, 7, 8, 9, 10];
  const acc = (r: number, h: number) => 11 + r * 2 + h;
  const [AV, B0, B1] = [19, 20, 21];
  const body: number[] = [];
  const emit = (...parts: (number | number[])[]) => {
    for (const x of parts) {
      if (typeof x === "number") body.push(x);
      else body.push(...x);
    }
  };
  emit(op.i32Const(0), op.localSet(IP));
  emit(op.loop);
  for (let r = 0; r < 4; r++) for (let h = 0; h < 2; h++) emit(op.v128Zero, op.localSet(acc(r, h)));
  emit(
    op.localGet(A),
    op.localGet(IP),
    op.localGet(KC),
    op.i32Mul,
    op.i32Const(5),
    op.i32Shl,
    op.i32Add,
    op.localSet(IA),
  );
  emit(op.localGet(B), op.localSet(IB), op.localGet(KC), op.localSet(P));
  emit(op.loop);
  emit(op.localGet(IB), op.v128Load(0), op.localSet(B0), op.localGet(IB), op.v128Load(16), op.localSet(B1));
  for (let r = 0; r < 4; r++) {
    emit(op.localGet(IA), op.f64Load(8 * r), op.f64x2Splat, op.localSet(AV));
    for (let h = 0; h < 2; h++) {
      emit(op.localGet(acc(r, h)), op.localGet(AV), op.localGet(h === 0 ? B0 : B1), op.f64x2Mul, op.f64x2Add);
      emit(op.localSet(acc(r, h)));
    }
  }
  emit(op.localGet(IA), op.i32Const(32), op.i32Add, op.localSet(IA));
  emit(op.localGet(IB), op.i32Const(32), op.i32Add, op.localSet(IB));
  emit(op.localGet(P), op.i32Const(1), op.i32Sub, op.localTee(P), op.brIf(0));
  emit(op.end);
  emit(op.localGet(C), op.localGet(IP), op.i32Const(2), op.i32Shl, op.localGet(LDC), op.i32Mul, op.i32Add);
  emit(op.localSet(CC));
  for (let r = 0; r < 4; r++) {
    for (let h = 0; h < 2; h++) {
      emit(op.localGet(CC), op.localGet(CC), op.v128Load(16 * h), op.localGet(acc(r, h)), op.f64x2Add);
      emit(op.v128Store(16 * h));
    }
    emit(op.localGet(CC), op.localGet(LDC), op.i32Add, op.localSet(CC));
  }
  emit(op.localGet(IP), op.i32Const(1), op.i32Add, op.localTee(IP), op.localGet(NP), op.i32LtU, op.brIf(0));
  emit(op.end, op.end);
  // Locals after the 6 params: 5 i32 (ip, p, ia, ib, cc) and 11 v128 (8 accumulators, av, b0, b1).
  const fn = [2, 5, 0x7f, 11, 0x7b, ...body];
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [1, 0x60, 6, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0, 1]),
    ...section(7, [2, ...name("mem"), 2, 0, ...name("panel"), 0, 0]),
    ...section(10, [1, ...uleb(fn.length), ...fn]),
  ];
  return new Uint8Array(bytes);
}

const MR = 4;
const NR = 4;
const KC = 512;
const MC = 96;
/** Above this much scratch (bytes) the JS kernel is used instead of growing wasm memory further. */
const MAX_SCRATCH = 512 * 1024 * 1024;

type PanelFn = (a: number, b: number, c: number, kc: number, np: number, ldc: number) => void;

/**
 * A float64 product on strided operands: C[m, n] (contiguous from `cOff`,
 * overwritten) = A[m, k] @ B[k, n] where element (r, c) of an operand is
 * `data[offset + r*rowStride + c*colStride]`. The packing step reads the
 * operands through their strides, so transposed views need no copy.
 */
export type StridedMatmulKernel = (
  A: StridedMatrix,
  B: StridedMatrix,
  c: Float64Array,
  cOff: number,
  m: number,
  k: number,
  n: number,
) => void;

/** The reference i-k-j loop on strided operands (small products, and the fallback without WASM). */
export const naiveStridedMatmul: StridedMatmulKernel = (A, B, c, cOff, m, k, n) => {
  const a = A.data;
  const b = B.data;
  c.fill(0, cOff, cOff + m * n);
  for (let i = 0; i < m; i++) {
    const ci = cOff + i * n;
    for (let p = 0; p < k; p++) {
      const av = a[A.offset + i * A.rowStride + p * A.colStride]!;
      const bp = B.offset + p * B.rowStride;
      const bs = B.colStride;
      for (let j = 0; j < n; j++) c[ci + j] = c[ci + j]! + av * b[bp + j * bs]!;
    }
  }
};

/**
 * Instantiates the SIMD kernel on strided operands, or returns null when
 * WebAssembly SIMD is not available.
 */
export function createStridedWasmMatmul(): StridedMatmulKernel | null {
  if (typeof WebAssembly === "undefined") return null;
  const bytes = kernelModuleBytes();
  if (!WebAssembly.validate(bytes)) return null;
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
  const mem = instance.exports.mem;
  const panelExport = instance.exports.panel;
  if (!(mem instanceof WebAssembly.Memory) || typeof panelExport !== "function") return null;
  // Validated boundary: the export was checked to be a function of the module built above.
  const panel = (...args: Parameters<PanelFn>): void => {
    Reflect.apply(panelExport, undefined, args);
  };
  return (A, B, c, cOff, m, k, n) => {
    if (m === 0 || n === 0 || k === 0 || m * n * k < 4096) {
      naiveStridedMatmul(A, B, c, cOff, m, k, n);
      return;
    }
    const mPad = Math.ceil(m / MR) * MR;
    const nPad = Math.ceil(n / NR) * NR;
    const kcMax = Math.min(KC, k);
    const cBytes = mPad * nPad * 8;
    const bBytes = nPad * kcMax * 8;
    const aBytes = Math.ceil(MC / MR) * MR * kcMax * 8;
    const total = cBytes + bBytes + aBytes;
    if (total > MAX_SCRATCH) {
      naiveStridedMatmul(A, B, c, cOff, m, k, n);
      return;
    }
    if (mem.buffer.byteLength < total) mem.grow(Math.ceil((total - mem.buffer.byteLength) / 65536));
    const heap = new Float64Array(mem.buffer);
    const a = A.data;
    const b = B.data;
    const ars = A.rowStride;
    const acs = A.colStride;
    const brs = B.rowStride;
    const bcs = B.colStride;
    const cBase = 0;
    const bBase = cBytes / 8;
    const aBase = bBase + bBytes / 8;
    heap.fill(0, cBase, cBase + mPad * nPad);
    const nPanels = nPad / NR;
    for (let p0 = 0; p0 < k; p0 += KC) {
      const kc = Math.min(KC, k - p0);
      // Pack B[p0:p0+kc, :] into kc x 4 panels (zero-padded columns).
      for (let jp = 0; jp < nPanels; jp++) {
        const j0 = jp * NR;
        const w = Math.min(NR, n - j0);
        let o = bBase + jp * kc * NR;
        let row = B.offset + p0 * brs + j0 * bcs;
        if (w === NR) {
          for (let p = 0; p < kc; p++, row += brs, o += NR) {
            heap[o] = b[row]!;
            heap[o + 1] = b[row + bcs]!;
            heap[o + 2] = b[row + 2 * bcs]!;
            heap[o + 3] = b[row + 3 * bcs]!;
          }
          continue;
        }
        for (let p = 0; p < kc; p++, row += brs) {
          for (let j = 0; j < NR; j++) heap[o++] = j < w ? b[row + j * bcs]! : 0;
        }
      }
      for (let i0 = 0; i0 < m; i0 += MC) {
        pollInterrupt();
        const mc = Math.min(MC, m - i0);
        const aPanels = Math.ceil(mc / MR);
        // Pack A[i0:i0+mc, p0:p0+kc] into 4 x kc panels (zero-padded rows).
        for (let ip = 0; ip < aPanels; ip++) {
          const r0 = i0 + ip * MR;
          const h = Math.min(MR, m - r0);
          let o = aBase + ip * kc * MR;
          let col = A.offset + r0 * ars + p0 * acs;
          if (h === MR) {
            for (let p = 0; p < kc; p++, col += acs, o += MR) {
              heap[o] = a[col]!;
              heap[o + 1] = a[col + ars]!;
              heap[o + 2] = a[col + 2 * ars]!;
              heap[o + 3] = a[col + 3 * ars]!;
            }
            continue;
          }
          for (let p = 0; p < kc; p++, col += acs) {
            for (let r = 0; r < MR; r++) heap[o++] = r < h ? a[col + r * ars]! : 0;
          }
        }
        for (let jp = 0; jp < nPanels; jp++) {
          panel(
            aBase * 8,
            (bBase + jp * kc * NR) * 8,
            (cBase + i0 * nPad + jp * NR) * 8,
            kc,
            aPanels,
            nPad * 8,
          );
        }
      }
    }
    if (n === nPad) {
      c.set(heap.subarray(cBase, cBase + m * n), cOff);
    } else {
      // rows are padded to nPad: copy element by element (a subarray per row costs more than the row)
      for (let i = 0; i < m; i++) {
        const src = cBase + i * nPad;
        const dst = cOff + i * n;
        for (let j = 0; j < n; j++) c[dst + j] = heap[src + j]!;
      }
    }
  };
}

/**
 * Instantiates the SIMD kernel for row-major contiguous operands, or returns
 * null when WebAssembly SIMD is not available (the caller then keeps
 * `blockedMatmul`). Below 4096 multiply-adds it runs `blockedMatmul`.
 */
export function createWasmMatmul(): MatmulKernel | null {
  const strided = createStridedWasmMatmul();
  if (strided === null) return null;
  return (a, aOff, b, bOff, c, cOff, m, k, n) => {
    if (m === 0 || n === 0 || k === 0 || m * n * k < 4096) {
      blockedMatmul(a, aOff, b, bOff, c, cOff, m, k, n);
      return;
    }
    strided(
      { data: a, offset: aOff, rowStride: k, colStride: 1 },
      { data: b, offset: bOff, rowStride: n, colStride: 1 },
      c,
      cOff,
      m,
      k,
      n,
    );
  };
}

/**
 * The kernel `np.matmul`/`np.dot` use by default: the SIMD one where
 * WebAssembly SIMD exists (every current browser and Node), else the JS one.
 */
export const defaultMatmul: MatmulKernel = createWasmMatmul() ?? blockedMatmul;

/** The strided SIMD kernel linalg.ts calls for 2-d float64 operands (the i-k-j loop without WASM). */
export const defaultStridedMatmul: StridedMatmulKernel = createStridedWasmMatmul() ?? naiveStridedMatmul;
