import { describe, expect, test } from "vitest";
import { makeCell, type NotebookDoc } from "../notebook/model.ts";
import { createReactiveScheduler } from "../notebook/reactive.ts";
import { createNotebookStore } from "../notebook/store.ts";
import { createLive, NOTICE_ACTION_MS, NOTICE_MS } from "./live.ts";

function setup() {
  const sent: string[] = [];
  const store = createNotebookStore({
    kernel: {
      execute: (_runId, _cellId, code) => sent.push(code),
      reset: () => {},
      restart: () => {},
      drop: () => {},
      interruptKeepingState: () => false,
    },
  });
  const doc: NotebookDoc = {
    metadata: {},
    cells: [
      makeCell("code", 'depth = 10  #@param {type:"slider", min:1, max:30, step:1}', "setup"),
      makeCell("code", "print(depth)", "use"),
    ],
  };
  store.getState().load(doc);
  store.getState().receive({ op: "ready" });
  const scheduler = createReactiveScheduler(store, { defer: (f) => f() });
  const frames: (() => void)[] = [];
  const live = createLive(store, scheduler, { nextFrame: (f) => frames.push(f) });
  const frame = () => {
    for (const f of frames.splice(0)) f();
  };
  return { store, live, frame, sent, doc };
}

describe("createLive", () => {
  test("parameter moves within one frame become one source edit and one run", () => {
    const { store, live, frame, sent } = setup();
    for (const v of [11, 12, 13]) live.setParam("setup", "depth", v);
    expect(store.getState().cells.setup?.doc.source).toContain("depth = 10");
    frame();
    expect(store.getState().cells.setup?.doc.source).toBe(
      'depth = 13  #@param {type:"slider", min:1, max:30, step:1}',
    );
    // The changed cell and its dependent go to the kernel at once; it queues them.
    expect(sent).toEqual(['depth = 13  #@param {type:"slider", min:1, max:30, step:1}', "print(depth)"]);
    expect(live.scheduler.state.getState().pending).toEqual([]);
  });

  test("a value equal to the source's does not re-run; a scrubbed source does", () => {
    const { live, frame, sent } = setup();
    live.setParam("setup", "depth", 10);
    frame();
    expect(sent).toEqual([]);
    live.sourceChanged("setup");
    frame();
    expect(sent).toHaveLength(2);
  });

  test("replace loads a notebook and its Undo brings the previous one back", () => {
    const { store, live, doc } = setup();
    const other: NotebookDoc = { metadata: {}, cells: [makeCell("markdown", "# Other", "m")] };
    live.replace(other, "Opened other.ipynb.");
    expect(store.getState().toDoc()).toEqual(other);
    const notice = live.state.getState().notices[0];
    expect(notice?.text).toBe("Opened other.ipynb.");
    notice?.action?.run();
    expect(store.getState().toDoc()).toEqual(doc);
    expect(live.state.getState().notices).toEqual([]);
  });

  test("info notices go away by themselves, sooner without an action; warnings stay", () => {
    const store = createNotebookStore({
      kernel: {
        execute: () => {},
        reset: () => {},
        restart: () => {},
        drop: () => {},
        interruptKeepingState: () => false,
      },
    });
    const timers: { run: () => void; ms: number }[] = [];
    const live = createLive(store, createReactiveScheduler(store), {
      nextFrame: () => {},
      later: (run, ms) => timers.push({ run, ms }),
    });
    live.notify("saved");
    live.notify("opened", { action: { label: "Undo", run: () => {} } });
    live.notify("broken", { tone: "warning" });
    live.notify("kept", { timeoutMs: null });
    expect(timers.map((t) => t.ms)).toEqual([NOTICE_MS, NOTICE_ACTION_MS]);
    for (const t of timers) t.run();
    expect(live.state.getState().notices.map((n) => n.text)).toEqual(["broken", "kept"]);
  });
});
