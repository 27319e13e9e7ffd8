import { describe, expect, test } from "vitest";
import { HISTORY_KEY, HISTORY_LIMIT, popHistory, pushHistory, readHistory } from "./history.ts";
import { makeCell, type NotebookDoc } from "./model.ts";
import { createMemoryStorage } from "./persist.ts";

const doc = (n: number): NotebookDoc => ({ metadata: {}, cells: [makeCell("code", `x = ${n}`, "c")] });

describe("history of replaced notebooks", () => {
  test("newest first, at most HISTORY_LIMIT, a repeat of the newest not added twice", async () => {
    const storage = createMemoryStorage();
    for (let n = 0; n < HISTORY_LIMIT + 2; n++)
      await pushHistory(storage, { at: n, reason: `r${n}`, notebook: doc(n) });
    await pushHistory(storage, { at: 99, reason: "again", notebook: doc(HISTORY_LIMIT + 1) });
    const list = await readHistory(storage);
    expect(list.map((e) => e.at)).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
    expect((await popHistory(storage))?.notebook).toEqual(doc(11));
    expect((await readHistory(storage)).length).toBe(HISTORY_LIMIT - 1);
  });

  test("damaged entries are skipped, damaged lists read as empty, never throwing", async () => {
    const storage = createMemoryStorage(
      new Map<string, unknown>([
        [HISTORY_KEY, JSON.stringify([{ at: 1 }, { at: 2, reason: "ok", notebook: doc(2) }])],
      ]),
    );
    expect((await readHistory(storage)).map((e) => e.reason)).toEqual(["ok"]);
    await storage.set(HISTORY_KEY, "{not json");
    expect(await readHistory(storage)).toEqual([]);
    expect(await popHistory(storage)).toBeNull();
  });
});
