/**
 * The kernel's one interrupt hook.
 *
 * The worker installs a check that reads a flag the page sets in shared
 * memory (a cross-origin isolated page); the interpreter polls it at loop
 * iterations, calls and statement boundaries, and nd's long loops poll it
 * every few milliseconds. The interpreter turns `InterruptSignal` into
 * Python's `KeyboardInterrupt`, with a traceback of where it stopped.
 *
 * This is module state on purpose: the flag belongs to the thread, not to a
 * session, and nd's inner loops have no context object to carry it. Without
 * an installed check (Node, a page that is not isolated) polling is one
 * comparison and never throws.
 */

/** Thrown by `pollInterrupt` when the user asked to stop the running cell. */
export class InterruptSignal extends Error {
  constructor() {
    super("KeyboardInterrupt");
    this.name = "InterruptSignal";
  }
}

let check: (() => boolean) | null = null;

/** Installs (or, with null, removes) the check; it returns true when an interrupt is pending. */
export function installInterruptCheck(fn: (() => boolean) | null): void {
  check = fn;
}

/** Throws `InterruptSignal` when an interrupt is pending. Cheap enough for every loop iteration. */
export function pollInterrupt(): void {
  if (check?.()) throw new InterruptSignal();
}
