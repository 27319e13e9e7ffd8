/**
 * A code cell's Colab form: `#@title`, `#@markdown` lines and one widget per
 * `#@param`. The source stays the truth: a widget shows the literal in the
 * code, and moving it rewrites that literal (then the cell re-runs).
 */
import { memo, useEffect, useId, useMemo, useState } from "react";
import {
  type FormParam,
  type FormValue,
  formatParamValue,
  type ParsedForms,
  parseForms,
  setParam,
  snapToStep,
} from "../../notebook/forms.ts";
import type { NotebookStore } from "../../notebook/store.ts";
import { useLive } from "../live-context.tsx";
import { useNotebookStore } from "../store-context.tsx";
import "../live.css";

type Commit = (name: string, value: FormValue) => void;

/** Decimals to show for a slider value, from its step. */
function decimals(step: number | undefined): number {
  if (step === undefined) return 2;
  const text = step.toString();
  const e = /e-(\d+)$/.exec(text);
  if (e) return Number(e[1]);
  return text.split(".")[1]?.length ?? 0;
}

function Slider({ param, commit }: { param: FormParam; commit: Commit }) {
  const value = typeof param.value === "number" ? param.value : 0;
  // While dragging the thumb runs ahead of the source, which is written once per frame.
  const [shown, setShown] = useState(value);
  useEffect(() => setShown(value), [value]);
  const id = useId();
  const step = param.step ?? (param.isFloat ? ((param.max ?? 1) - (param.min ?? 0)) / 100 : 1);
  const text = formatParamValue(param, shown) ?? String(shown);
  return (
    <div className="form-row">
      <label htmlFor={id}>{param.name}</label>
      <input
        id={id}
        type="range"
        min={param.min}
        max={param.max}
        step={step}
        value={shown}
        aria-valuetext={text}
        onChange={(e) => {
          const raw = Number(e.target.value);
          const next = param.step === undefined ? raw : snapToStep(param, raw);
          setShown(next);
          commit(param.name, param.isFloat ? next : Math.round(next));
        }}
      />
      <output htmlFor={id} className="form-value">
        {param.isFloat ? shown.toFixed(Math.min(decimals(param.step), 10)) : text}
      </output>
    </div>
  );
}

/** A text or number field that writes its value on Enter or when it loses focus. */
function Field({ param, commit }: { param: FormParam; commit: Commit }) {
  const numeric = param.kind === "number" || param.kind === "integer" || typeof param.value === "number";
  const current = String(param.value);
  const [draft, setDraft] = useState(current);
  useEffect(() => setDraft(current), [current]);
  const id = useId();
  const valid = (text: string): FormValue | null => {
    if (param.kind === "raw") return text;
    if (!numeric) return text;
    if (text.trim() === "") return null;
    const n = Number(text);
    if (!Number.isFinite(n)) return null;
    return param.kind === "integer" && !Number.isInteger(n) ? null : n;
  };
  const parsed = valid(draft);
  const apply = () => {
    if (parsed !== null && draft !== current) commit(param.name, parsed);
    else setDraft(current);
  };
  return (
    <div className="form-row">
      <label htmlFor={id}>{param.name}</label>
      <input
        id={id}
        type={numeric ? "number" : param.kind === "date" ? "date" : "text"}
        step={param.kind === "integer" ? 1 : "any"}
        value={draft}
        aria-invalid={parsed === null}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            apply();
          } else if (e.key === "Escape") {
            setDraft(current);
          }
        }}
      />
    </div>
  );
}

function Checkbox({ param, commit }: { param: FormParam; commit: Commit }) {
  const id = useId();
  return (
    <div className="form-row">
      <label htmlFor={id}>{param.name}</label>
      <input
        id={id}
        type="checkbox"
        checked={param.value === true}
        onChange={(e) => commit(param.name, e.target.checked)}
      />
    </div>
  );
}

function Dropdown({ param, commit }: { param: FormParam; commit: Commit }) {
  const id = useId();
  const options = param.options ?? [];
  const known = options.some((o) => o === param.value);
  return (
    <div className="form-row">
      <label htmlFor={id}>{param.name}</label>
      <select
        id={id}
        value={String(param.value)}
        onChange={(e) => {
          const choice = options.find((o) => String(o) === e.target.value);
          if (choice !== undefined) commit(param.name, choice);
        }}
      >
        {!known && <option value={String(param.value)}>{String(param.value)}</option>}
        {options.map((o) => (
          <option key={String(o)} value={String(o)}>
            {String(o)}
          </option>
        ))}
      </select>
    </div>
  );
}

function Widget({ param, commit }: { param: FormParam; commit: Commit }) {
  switch (param.kind) {
    case "slider":
      return <Slider param={param} commit={commit} />;
    case "boolean":
      return <Checkbox param={param} commit={commit} />;
    case "dropdown":
      return <Dropdown param={param} commit={commit} />;
    case "number":
    case "integer":
    case "string":
    case "date":
    case "raw":
      return <Field param={param} commit={commit} />;
    default: {
      const unhandled: never = param.kind;
      return unhandled;
    }
  }
}

/** Without the live controller (tests, a bare page) a form only rewrites the source. */
function fallbackCommit(store: NotebookStore, cellId: string): Commit {
  return (name, value) => {
    const cell = store.getState().cells[cellId];
    if (cell === undefined) return;
    store.getState().setSource(cellId, setParam(cell.doc.source, name, value));
  };
}

export function hasForm(forms: ParsedForms): boolean {
  return forms.params.length > 0 || forms.title !== undefined || forms.markdown.length > 0;
}

export const CellForm = memo(function CellForm({ cellId, source }: { cellId: string; source: string }) {
  const store = useNotebookStore();
  const live = useLive();
  const forms = useMemo(() => parseForms(source), [source]);
  const commit: Commit = useMemo(
    () =>
      live === null ? fallbackCommit(store, cellId) : (name, value) => live.setParam(cellId, name, value),
    [live, store, cellId],
  );
  if (!hasForm(forms)) return null;
  const title = forms.title ?? "Parameters";
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset would also group the markdown text; this is a named group.
    <div className="cell-form" role="group" aria-label={`${title} (form)`}>
      {forms.title !== undefined && <div className="form-title">{forms.title}</div>}
      {forms.markdown.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the lines are static text in order.
        <p key={i} className="form-markdown">
          {line}
        </p>
      ))}
      {forms.params.map((p) => (
        <Widget key={`${p.name}-${p.line}`} param={p} commit={commit} />
      ))}
    </div>
  );
});
