import { describe, expect, it } from "vitest";
import type { Output } from "../protocol.ts";
import { heldOutputs } from "./Outputs.tsx";

const text = (t: string): Output => ({ output_type: "stream", name: "stdout", text: t });
const fig = (n: number): Output => ({
  output_type: "display_data",
  data: { "text/plain": `fig ${n}` },
  metadata: {},
});

describe("heldOutputs", () => {
  const old = [fig(1), text("old"), fig(2)];

  it("keeps the previous outputs past the new ones while the cell runs", () => {
    expect(heldOutputs(old, [], true)).toEqual(old);
    expect(heldOutputs(old, [fig(3)], true)).toEqual([fig(3), text("old"), fig(2)]);
  });

  it("shows only the new outputs once they are as many, or when not running", () => {
    const fresh = [fig(3), text("new"), fig(4), text("more")];
    expect(heldOutputs(old, fresh, true)).toEqual(fresh);
    expect(heldOutputs(old, [fig(3)], false)).toEqual([fig(3)]);
    expect(heldOutputs(old, [], false)).toEqual([]);
  });
});
