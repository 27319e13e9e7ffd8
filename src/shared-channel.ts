/**
 * The memory the page and the kernel worker share on a cross-origin isolated
 * page: one SharedArrayBuffer, laid out as
 *
 *   Int32 slot 0   INTERRUPT  runs up to this ordinal are to stop (0: none); see below
 *   Int32 slot 1   INPUT      1 = the page wrote the answer to an `input_request`
 *   Int32 slot 2   LENGTH     bytes of the answer (UTF-8)
 *   bytes 16..     the answer's text, at most INPUT_CAPACITY bytes
 *
 * The page writes and notifies; the worker reads the flag with a plain load
 * (cheap enough for every loop iteration) and blocks with `Atomics.wait`.
 *
 * Runs are numbered in the order the page sends them (1, 2, ...; the worker
 * counts them in the same order, since messages arrive in order). An
 * interrupt names the last run it is meant for, and a run stops when its
 * number is at most INTERRUPT. So an interrupt that arrives as one run ends
 * and the next starts stops the next one only if it was meant to: Interrupt
 * (every run sent so far) does, a slider's "stop the superseded run" does not.
 * The value only grows, so nothing needs clearing.
 */
export const INTERRUPT = 0;
export const INPUT = 1;
export const LENGTH = 2;
const TEXT_OFFSET = 16;
export const INPUT_CAPACITY = 64 * 1024;

export function createSharedBuffer(): SharedArrayBuffer {
  return new SharedArrayBuffer(TEXT_OFFSET + INPUT_CAPACITY);
}

/** Every run: the largest ordinal. */
export const ALL_RUNS = 0x7fffffff;

/** Page: asks the runs numbered up to `upTo` to stop, waking a worker blocked in sleep or input. */
export function requestInterrupt(shared: SharedArrayBuffer, upTo: number = ALL_RUNS): void {
  const slots = new Int32Array(shared, 0, 4);
  for (;;) {
    const old = Atomics.load(slots, INTERRUPT);
    if (old >= upTo || Atomics.compareExchange(slots, INTERRUPT, old, upTo) === old) break;
  }
  Atomics.notify(slots, INTERRUPT);
  Atomics.notify(slots, INPUT);
}

/** Page: answers the worker's `input_request` (text beyond INPUT_CAPACITY bytes is cut). */
export function writeInputReply(shared: SharedArrayBuffer, text: string): void {
  const encoded = new TextEncoder().encode(text);
  let n = Math.min(encoded.length, INPUT_CAPACITY);
  // Never cut inside a UTF-8 sequence: back up to the start of a character.
  while (n < encoded.length && n > 0 && ((encoded[n] ?? 0) & 0xc0) === 0x80) n--;
  new Uint8Array(shared, TEXT_OFFSET, INPUT_CAPACITY).set(encoded.subarray(0, n));
  const slots = new Int32Array(shared, 0, 4);
  Atomics.store(slots, LENGTH, n);
  Atomics.store(slots, INPUT, 1);
  Atomics.notify(slots, INPUT);
}

/** Worker: the answer the page wrote (copied out: TextDecoder refuses shared views). */
export function readInputReply(shared: SharedArrayBuffer): string {
  const slots = new Int32Array(shared, 0, 4);
  const n = Math.min(Atomics.load(slots, LENGTH), INPUT_CAPACITY);
  const copy = new Uint8Array(n);
  copy.set(new Uint8Array(shared, TEXT_OFFSET, n));
  return new TextDecoder().decode(copy);
}
