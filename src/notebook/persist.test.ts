import { describe, expect, test } from "vitest";
import { makeCell, type NotebookDoc } from "./model.ts";
import {
  createMemoryStorage,
  DEFAULT_KEY,
  decodeSaved,
  encodeSaved,
  loadOrBackup,
  notebookDocSchema,
  type StorageAdapter,
  saveNotebook,
} from "./persist.ts";

function doc(): NotebookDoc {
  return {
    metadata: { kernelspec: { name: "python3", display_name: "Python 3" } },
    cells: [
      makeCell("markdown", "# Title", "m1"),
      {
        ...makeCell("code", "print(1)\na", "c1"),
        execution_count: 2,
        outputs: [
          { output_type: "stream", name: "stdout", text: "1\n" },
          {
            output_type: "execute_result",
            execution_count: 2,
            data: {
              "text/plain": "array([1.])",
              "application/vnd.plotly.v1+json": { data: [{ type: "bar" }] },
            },
            metadata: {},
          },
          { output_type: "display_data", data: { "text/plain": "<Figure>" }, metadata: { w: 1 } },
          { output_type: "error", ename: "E", evalue: "v", traceback: ["a", "b"] },
        ],
      },
      {
        ...makeCell("markdown", "![i](attachment:i.png)", "m2"),
        attachments: { "i.png": { "image/png": "AAAA" } },
      },
    ],
  };
}

describe("encodeSaved / decodeSaved", () => {
  test("round-trip with and without ui state", () => {
    expect(decodeSaved(encodeSaved(doc(), 1234))).toEqual({
      ok: true,
      state: { schemaVersion: 1, savedAt: 1234, notebook: doc() },
    });
    const ui = { selectedId: "c1", fontSize: 20, theme: "dark" as const };
    expect(decodeSaved(encodeSaved(doc(), 5, ui))).toEqual({
      ok: true,
      state: { schemaVersion: 1, savedAt: 5, notebook: doc(), ui },
    });
  });

  test("accepts the state as an object too", () => {
    const obj: unknown = JSON.parse(encodeSaved(doc(), 1));
    expect(decodeSaved(obj)).toEqual({ ok: true, state: { schemaVersion: 1, savedAt: 1, notebook: doc() } });
  });

  test("drops unknown keys", () => {
    const obj = { schemaVersion: 1, savedAt: 1, notebook: { metadata: {}, cells: [] }, junk: 1 };
    expect(decodeSaved(obj)).toEqual({
      ok: true,
      state: { schemaVersion: 1, savedAt: 1, notebook: { metadata: {}, cells: [] } },
    });
  });

  const base = (): Record<string, unknown> => JSON.parse(encodeSaved(doc(), 1));
  const withCell = (patch: Record<string, unknown>): unknown => {
    const state = base();
    return { ...state, notebook: { metadata: {}, cells: [{ ...doc().cells[1], ...patch }] } };
  };

  test.each<[string, unknown, string]>([
    ["not JSON", "{oops", "the saved data is not valid JSON"],
    ["null", null, "the saved data is not an object"],
    ["an array", [1], "the saved data is not an object"],
    ["a number", 7, "the saved data is not an object"],
    ["no version", { savedAt: 1 }, "unknown save format (none)"],
    ["version 0", { schemaVersion: 0 }, "unknown save format 0"],
    ["version as a string", { schemaVersion: "1" }, 'unknown save format "1"'],
    ["a newer version", { schemaVersion: 2 }, "it was saved by a newer version of Initlab (format 2)"],
    ["missing notebook", { schemaVersion: 1, savedAt: 1 }, "the saved data is damaged (notebook: "],
    ["bad savedAt", { ...base(), savedAt: "yesterday" }, "the saved data is damaged (savedAt: "],
    ["bad cell id", withCell({ id: "a b" }), "the saved data is damaged (notebook.cells.0.id: "],
    [
      "bad cell type",
      withCell({ cell_type: "heading" }),
      "the saved data is damaged (notebook.cells.0.cell_type: ",
    ],
    ["source as list", withCell({ source: ["a"] }), "the saved data is damaged (notebook.cells.0.source: "],
    [
      "bad output",
      withCell({ outputs: [{ output_type: "pyout" }] }),
      "the saved data is damaged (notebook.cells.0.outputs.0",
    ],
    [
      "bad stream name",
      withCell({ outputs: [{ output_type: "stream", name: "stdin", text: "" }] }),
      "the saved data is damaged (notebook.cells.0.outputs.0.name: ",
    ],
    [
      "text/plain not a string",
      withCell({ outputs: [{ output_type: "display_data", data: { "text/plain": 1 }, metadata: {} }] }),
      "the saved data is damaged (notebook.cells.0.outputs.0.data: text/plain must be a string)",
    ],
    ["bad ui theme", { ...base(), ui: { theme: "pink" } }, "the saved data is damaged (ui.theme: "],
  ])("rejects %s", (_name, raw, reason) => {
    const result = decodeSaved(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason.startsWith(reason)).toBe(true);
  });

  test("rejects duplicate cell ids", () => {
    expect(
      notebookDocSchema.safeParse({ metadata: {}, cells: [doc().cells[0], doc().cells[0]] }).success,
    ).toBe(false);
  });
});

describe("loadOrBackup", () => {
  test("nothing saved", async () => {
    expect(await loadOrBackup(createMemoryStorage())).toEqual({
      restored: null,
      notice: null,
      safeToSave: true,
    });
  });

  test("restores what saveNotebook saved", async () => {
    const storage = createMemoryStorage();
    await saveNotebook(storage, doc(), { now: () => 42, ui: { selectedId: null } });
    expect(await loadOrBackup(storage)).toEqual({
      restored: { schemaVersion: 1, savedAt: 42, notebook: doc(), ui: { selectedId: null } },
      notice: null,
      safeToSave: true,
    });
    expect([...storage.entries.keys()]).toEqual([DEFAULT_KEY]);
  });

  test("moves damaged data to a backup key and explains", async () => {
    const storage = createMemoryStorage(new Map([["k", '{"schemaVersion":1,"savedAt":1}']]));
    expect(await loadOrBackup(storage, "k", () => 99)).toEqual({
      restored: null,
      notice:
        'Your saved notebook could not be restored (the saved data is damaged (notebook: Invalid input: expected object, received undefined)). A copy was kept under "initlab:backup:99"; the notebook was opened fresh.',
      backupKey: "initlab:backup:99",
      safeToSave: true,
    });
    expect([...storage.entries]).toEqual([["initlab:backup:99", '{"schemaVersion":1,"savedAt":1}']]);
  });

  test("leaves data in place when it cannot be backed up", async () => {
    const entries = new Map<string, unknown>([["k", "garbage"]]);
    const memory = createMemoryStorage(entries);
    const storage: StorageAdapter = {
      ...memory,
      set: async () => {
        throw new Error("QuotaExceededError");
      },
    };
    expect(await loadOrBackup(storage, "k", () => 1)).toEqual({
      restored: null,
      notice:
        "Your saved notebook could not be restored (the saved data is not valid JSON) and could not be backed up: QuotaExceededError. It was left in place.",
      safeToSave: false,
    });
    expect([...entries]).toEqual([["k", "garbage"]]);
  });

  test("a storage that cannot be read gives a notice, not an exception", async () => {
    const storage: StorageAdapter = {
      ...createMemoryStorage(),
      get: async () => {
        throw new Error("blocked");
      },
    };
    expect(await loadOrBackup(storage)).toEqual({
      restored: null,
      notice: "Your saved notebook could not be read: blocked.",
      safeToSave: false,
    });
  });
});
