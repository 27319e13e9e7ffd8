import type { KernelMessage } from "@jupyterlab/services";
import { describe, expect, test } from "vitest";
import { iopubToMessage } from "./jupyter-kernel.ts";

/** An iopub message as the server sends it (only the type and content matter here). */
function iopub(
  msgType: KernelMessage.IOPubMessageType,
  content: KernelMessage.IIOPubMessage["content"],
): KernelMessage.IIOPubMessage {
  const header = { date: "", msg_id: "m", msg_type: msgType, session: "s", username: "u", version: "5.3" };
  return { channel: "iopub", header, parent_header: {}, metadata: {}, content };
}

describe("iopubToMessage", () => {
  test("iopubToMessage maps clear_output to the store's clear_output, with wait", () => {
    expect(iopubToMessage(iopub("clear_output", { wait: true }), "r1")).toEqual({
      op: "clear_output",
      runId: "r1",
      wait: true,
    });
  });

  test("iopubToMessage keeps a display's display_id, and maps update_display_data to update_display", () => {
    const content = { data: { "text/plain": "'a'" }, metadata: {}, transient: { display_id: "d7" } };
    expect(iopubToMessage(iopub("display_data", content), "r1")).toEqual({
      op: "output",
      runId: "r1",
      output: {
        output_type: "display_data",
        data: { "text/plain": "'a'" },
        metadata: {},
        transient: { display_id: "d7" },
      },
    });
    expect(
      iopubToMessage(iopub("update_display_data", { ...content, data: { "text/plain": "'b'" } }), "r2"),
    ).toEqual({
      op: "update_display",
      runId: "r2",
      displayId: "d7",
      data: { "text/plain": "'b'" },
      metadata: {},
    });
  });

  test("iopubToMessage passes streams as outputs and drops status messages", () => {
    expect(iopubToMessage(iopub("stream", { name: "stdout", text: "hi\n" }), "r1")).toEqual({
      op: "output",
      runId: "r1",
      output: { output_type: "stream", name: "stdout", text: "hi\n" },
    });
    expect(iopubToMessage(iopub("status", { execution_state: "busy" }), "r1")).toBeNull();
  });
});
