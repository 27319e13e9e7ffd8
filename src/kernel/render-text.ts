/**
 * A cell's outputs as the text Jupyter shows for them (`text/plain` only),
 * used by the CLI and the golden tests so both follow one path:
 *   - stream text as it is;
 *   - execute_result / display_data: their `text/plain` and a newline;
 *   - error: the traceback lines (xmode "context", IPython's default) or only
 *     `ExcName: message` (xmode "minimal", IPython's `%xmode Minimal`).
 */
import type { Output } from "../protocol.ts";
import { exceptionLine } from "./py/traceback.ts";

export type XMode = "minimal" | "context";

export function outputToText(o: Output, xmode: XMode): string {
  switch (o.output_type) {
    case "stream":
      return o.text;
    case "execute_result":
    case "display_data": {
      const text = o.data["text/plain"];
      return typeof text === "string" ? `${text}\n` : "";
    }
    case "error":
      if (xmode === "minimal") return `${exceptionLine(o.ename, o.evalue)}\n`;
      return `${o.traceback.join("\n")}\n`;
    default: {
      const never: never = o;
      return String(never);
    }
  }
}

export function outputsToText(outputs: readonly Output[], xmode: XMode): string {
  return outputs.map((o) => outputToText(o, xmode)).join("");
}
