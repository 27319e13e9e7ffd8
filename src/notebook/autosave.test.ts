import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { createAutosave } from "./autosave.ts";
import { makeCell, type NotebookDoc } from "./model.ts";
import { createMemoryStorage, DEFAULT_KEY, decodeSaved, type StorageAdapter } from "./persist.ts";
import { createNotebookStore } from "./store.ts";

function setup() {
  const store = createNotebookStore({
    kernel: {
      execute: () => {},
      reset: () => {},
      restart: () => {},
      drop: () => {},
      interruptKeepingState: () => false,
    },
  });
  const doc: NotebookDoc = {
    metadata: { kernelspec: { name: "python3" } },
    cells: [makeCell("markdown", "# T", "m"), makeCell("code", "a = 1  #@param {type:'integer'}", "c1")],
  };
  store.getState().load(doc);
  return { store, doc };
}

function saved(storage: { entries: Map<string, unknown> }): NotebookDoc | null {
  const raw = storage.entries.get(DEFAULT_KEY);
  if (raw === undefined) return null;
  const decoded = decodeSaved(raw);
  return decoded.ok ? decoded.state.notebook : null;
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_000_000);
});
afterEach(() => {
  vi.useRealTimers();
});

describe("createAutosave", () => {
  test("an edit is saved within a second and the status says when", async () => {
    const { store } = setup();
    const storage = createMemoryStorage();
    const autosave = createAutosave(store, storage);
    expect(autosave.status.getState()).toEqual({ state: "idle" });
    store.getState().setSource("c1", "a = 2  #@param {type:'integer'}");
    expect(autosave.status.getState()).toEqual({ state: "unsaved" });
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved(storage)).toEqual(store.getState().toDoc());
    expect(autosave.status.getState()).toEqual({ state: "saved", at: 1_000_300 });
    autosave.dispose();
  });

  test("changes that keep coming are still saved after at most maxWaitMs", async () => {
    const { store } = setup();
    const storage = createMemoryStorage();
    const autosave = createAutosave(store, storage, { delayMs: 300, maxWaitMs: 1000 });
    for (let i = 0; i < 12; i++) {
      store.getState().setSource("c1", `a = ${i}`);
      await vi.advanceTimersByTimeAsync(100);
    }
    // 1.2 s of edits 100 ms apart: one save happened at 1 s, with the text of then.
    expect(saved(storage)?.cells[1]?.source).toBe("a = 9");
    await vi.advanceTimersByTimeAsync(300);
    expect(saved(storage)?.cells[1]?.source).toBe("a = 11");
    autosave.dispose();
  });

  test("cell order and outputs are saved; selection alone is not a change", async () => {
    const { store } = setup();
    const storage = createMemoryStorage();
    const autosave = createAutosave(store, storage);
    store.getState().select("c1");
    await vi.advanceTimersByTimeAsync(2000);
    expect(storage.entries.size).toBe(0);
    store.getState().move("c1", -1);
    store.getState().run("c1");
    const runId = store.getState().cells.c1?.run.runId ?? "";
    store.getState().receive({ op: "ready" });
    store.getState().receive({
      op: "output",
      runId,
      output: { output_type: "stream", name: "stdout", text: "hi\n" },
    });
    store.getState().receive({ op: "done", runId, executionCount: 1, ok: true });
    await vi.advanceTimersByTimeAsync(1000);
    const doc = saved(storage);
    expect(doc?.cells.map((c) => c.id)).toEqual(["c1", "m"]);
    expect(doc?.cells[0]?.outputs).toEqual([{ output_type: "stream", name: "stdout", text: "hi\n" }]);
    expect(doc?.cells[0]?.execution_count).toBe(1);
    autosave.dispose();
  });

  test("a storage failure shows as an error status, and the next change tries again", async () => {
    const { store } = setup();
    const memory = createMemoryStorage();
    let fail = true;
    const storage: StorageAdapter = {
      ...memory,
      set: async (key, value) => {
        if (fail) throw new Error("QuotaExceededError");
        await memory.set(key, value);
      },
    };
    const autosave = createAutosave(store, storage);
    store.getState().setSource("c1", "a = 5");
    await vi.advanceTimersByTimeAsync(1000);
    expect(autosave.status.getState()).toEqual({ state: "error", message: "Not saved: QuotaExceededError" });
    fail = false;
    store.getState().setSource("c1", "a = 6");
    await vi.advanceTimersByTimeAsync(1000);
    expect(autosave.status.getState().state).toBe("saved");
    expect(saved(memory)?.cells[1]?.source).toBe("a = 6");
    autosave.dispose();
  });

  test("flush writes now; disabled autosave never writes", async () => {
    const { store } = setup();
    const storage = createMemoryStorage();
    const autosave = createAutosave(store, storage);
    store.getState().setSource("c1", "a = 7");
    await autosave.flush();
    expect(saved(storage)?.cells[1]?.source).toBe("a = 7");
    autosave.dispose();

    const other = createMemoryStorage();
    const off = createAutosave(store, other, { enabled: false, offReason: "kept your old data" });
    store.getState().setSource("c1", "a = 8");
    await vi.advanceTimersByTimeAsync(2000);
    expect(other.entries.size).toBe(0);
    expect(off.status.getState()).toEqual({ state: "off", message: "kept your old data" });
  });
});

describe("two tabs on one notebook", () => {
  /** A BroadcastChannel stand-in: every channel made by `hub()` hears the others' messages. */
  function hub() {
    const listeners = new Set<(event: { data: unknown }) => void>();
    return () => {
      const mine = new Set<(event: { data: unknown }) => void>();
      return {
        postMessage(data: unknown) {
          for (const l of listeners) if (!mine.has(l)) l({ data });
        },
        addEventListener(_type: "message", l: (event: { data: unknown }) => void) {
          mine.add(l);
          listeners.add(l);
        },
        close() {
          for (const l of mine) listeners.delete(l);
        },
      };
    };
  }

  function tabs() {
    const storage = createMemoryStorage();
    const channel = hub();
    const open = () => {
      const { store } = setup();
      const heard: { conflicts: string[]; announced: boolean }[] = [];
      const autosave = createAutosave(store, storage, {
        channel: channel(),
        onOtherTab: (change) => heard.push(change),
      });
      return { store, autosave, heard };
    };
    return { storage, one: open(), two: open() };
  }

  test("edits of different cells in two tabs both survive, and the other tab hears of it", async () => {
    const { storage, one, two } = tabs();
    two.store.getState().setSource("c1", "a = 3");
    await two.autosave.flush();
    await vi.advanceTimersByTimeAsync(1000);
    expect(one.heard).toEqual([{ conflicts: [], announced: true }]);
    one.store.getState().setSource("m", "# Title from tab one");
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved(storage)?.cells.map((c) => c.source)).toEqual(["# Title from tab one", "a = 3"]);
    expect(one.heard.at(-1)).toEqual({ conflicts: [], announced: false });
    expect(two.heard).toEqual([{ conflicts: [], announced: true }]);
    // Tab two saves again without touching the title: tab one's edit stays.
    two.store.getState().setSource("c1", "a = 4");
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved(storage)?.cells.map((c) => c.source)).toEqual(["# Title from tab one", "a = 4"]);
    one.autosave.dispose();
    two.autosave.dispose();
  });

  test("the same cell edited in both: the later save wins and reports the conflict", async () => {
    const { storage, one, two } = tabs();
    two.store.getState().setSource("c1", "a = 2");
    await vi.advanceTimersByTimeAsync(1000);
    one.store.getState().setSource("c1", "a = 1");
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved(storage)?.cells.map((c) => c.source)).toEqual(["# T", "a = 1"]);
    expect(one.heard.at(-1)).toEqual({ conflicts: ["c1"], announced: false });
    expect(two.heard.at(-1)).toEqual({ conflicts: [], announced: true });
    one.autosave.dispose();
    two.autosave.dispose();
  });

  test("leaving the page journals the unsaved cells at once, and the save clears the journal", async () => {
    const { store } = setup();
    const storage = createMemoryStorage();
    const items = new Map<string, string>();
    const journal = {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, v),
      removeItem: (k: string) => void items.delete(k),
    };
    const autosave = createAutosave(store, storage, { journal });
    store.getState().setSource("c1", "a = 7");
    autosave.pageHidden();
    expect(JSON.parse(items.get("initlab:journal") ?? "null")).toEqual({
      at: 1_000_000,
      cells: [{ id: "c1", cell_type: "code", source: "a = 7", after: "m" }],
    });
    await autosave.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(saved(storage)?.cells.map((c) => c.source)).toEqual(["# T", "a = 7"]);
    expect(items.has("initlab:journal")).toBe(false);
    autosave.dispose();
  });
});
