/**
 * The text box of a pending `input(prompt)`, under the running cell, as
 * Jupyter shows it: the prompt, a focused field, Enter sends the line.
 */
import { useEffect, useRef, useState } from "react";
import { useNotebook, useNotebookStore } from "./store-context.tsx";

export function StdinBox({ cellId }: { cellId: string }) {
  const request = useNotebook((s) => (s.stdin?.cellId === cellId ? s.stdin : null));
  const store = useNotebookStore();
  const [text, setText] = useState("");
  const field = useRef<HTMLInputElement>(null);
  const runId = request?.runId;
  useEffect(() => {
    if (runId === undefined) return;
    setText("");
    field.current?.focus();
  }, [runId]);
  if (request === null) return null;
  return (
    <div className="stdin">
      <label>
        <span className="stdin-prompt">{request.prompt}</span>
        <input
          ref={field}
          className="stdin-field"
          aria-label={`input: ${request.prompt}`}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            // The notebook's shortcuts must not see the user's typing.
            e.stopPropagation();
            if (e.key === "Enter") {
              e.preventDefault();
              store.getState().answerInput(text);
            }
          }}
        />
      </label>
    </div>
  );
}
