/**
 * A code cell's outputs, nbformat objects as they come: stream text and
 * tracebacks with their terminal colours (outputs/Ansi.tsx), the failing line
 * marked; Plotly figures; other mime types (images, sanitised HTML, markdown,
 * LaTeX, text) through outputs/MimeOutput.tsx.
 */
import { useEffect, useRef } from "react";
import type { MimeBundle, Output } from "../protocol.ts";
import { Figure, PLOTLY_MIME } from "./Figure.tsx";
import { AnsiText } from "./outputs/Ansi.tsx";
import { stripAnsiCodes, terminalText } from "./outputs/ansi.ts";
import { MimeOutput } from "./outputs/MimeOutput.tsx";

export function stripAnsi(text: string): string {
  return stripAnsiCodes(text);
}

/** A traceback line that points at the failing source line (`---->`, `^^^`). */
export function isMarkerLine(line: string): boolean {
  return /^\s*-+>/.test(line) || /^\s*[~^]+\s*$/.test(line) || /^\s*-+>\s*\d+/.test(line);
}

function Traceback({ output }: { output: Extract<Output, { output_type: "error" }> }) {
  const lines = output.traceback.flatMap((entry) => entry.split("\n"));
  const summary = `${output.ename}: ${output.evalue}`;
  const last = lines[lines.length - 1];
  const body = last !== undefined && stripAnsi(last).trim() === summary.trim() ? lines.slice(0, -1) : lines;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset is for form controls; this groups text.
    <div className="output output-error" role="group" aria-label={`Error: ${output.ename}`}>
      {body.length > 0 && (
        <pre className="traceback">
          {body.map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: traceback lines are static text in order.
            <span key={i} className={isMarkerLine(stripAnsi(line)) ? "tb-line tb-mark" : "tb-line"}>
              <AnsiText text={line} />
              {"\n"}
            </span>
          ))}
        </pre>
      )}
      <pre className="error-summary">
        <strong>{output.ename}</strong>
        {output.evalue === "" ? "" : `: ${output.evalue}`}
      </pre>
    </div>
  );
}

function plainText(data: MimeBundle): string | null {
  return typeof data["text/plain"] === "string" ? data["text/plain"] : null;
}

function RichOutput({ data, metadata }: { data: MimeBundle; metadata: Record<string, unknown> }) {
  const alt = metadata["initlab/alt"];
  if (data[PLOTLY_MIME] !== undefined) {
    return (
      <Figure
        spec={data[PLOTLY_MIME]}
        fallback={plainText(data)}
        alt={typeof alt === "string" ? alt : undefined}
      />
    );
  }
  return <MimeOutput data={data} metadata={metadata} />;
}

function OutputView({ output }: { output: Output }) {
  switch (output.output_type) {
    case "stream":
      return (
        <pre className={`output output-stream ${output.name}`}>
          <AnsiText text={terminalText(output.text)} />
        </pre>
      );
    case "execute_result":
    case "display_data":
      return <RichOutput data={output.data} metadata={output.metadata} />;
    case "error":
      return <Traceback output={output} />;
    default: {
      const unhandled: never = output;
      return unhandled;
    }
  }
}

/**
 * What a cell shows while it runs: the new outputs so far, then the previous
 * run's outputs past them (as Jupyter's `clear_output(wait=True)`), so a
 * figure at the same place is updated in place (`Plotly.react`) instead of
 * being unmounted at the start of the run and drawn anew, and the page does
 * not collapse and grow back during a slider drag. `running` is also true
 * while the cell waits in the queue (a superseded run, cancelled and sent
 * again, keeps what it showed). When not running, only the outputs.
 */
export function heldOutputs(
  previous: readonly Output[],
  outputs: readonly Output[],
  running: boolean,
): readonly Output[] {
  if (!running || outputs.length >= previous.length) return outputs;
  return [...outputs, ...previous.slice(outputs.length)];
}

export function Outputs({
  outputs: current,
  label,
  running = false,
}: {
  outputs: readonly Output[];
  label: string;
  running?: boolean;
}) {
  const previous = useRef<readonly Output[]>(current);
  const outputs = heldOutputs(previous.current, current, running);
  useEffect(() => {
    previous.current = outputs;
  });
  if (outputs.length === 0) return null;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset is for form controls; this groups text.
    <div className="outputs" role="group" aria-label={label}>
      {outputs.map((output, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: outputs only grow at the end during a run.
        <OutputView key={i} output={output} />
      ))}
    </div>
  );
}
