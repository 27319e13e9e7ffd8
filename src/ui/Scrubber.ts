/**
 * The number scrubber, a CodeMirror 6 extension: Alt+drag on any int or float
 * literal in the code changes it live, as in Observable and Tangle. Dragging
 * right by `PX_PER_STEP` pixels adds one step: 1 for an int, one unit of the
 * literal's last decimal for a float (0.01 -> 0.02), ten steps with Shift.
 * While Alt is held, the numbers are underlined and show a resize cursor.
 */
import { type Extension, RangeSetBuilder } from "@codemirror/state";
import { Decoration, type DecorationSet, EditorView, ViewPlugin, type ViewUpdate } from "@codemirror/view";
import { findNumericLiterals, formatPyFloat, formatPyInt, type NumericLiteral } from "../notebook/forms.ts";

const PX_PER_STEP = 4;
const ARMED_CLASS = "scrub-armed";

/** Decimal places of a float literal's text (`0.010` -> 3, `1e-3` -> 3, `2.` -> 0). */
export function literalDecimals(text: string): number {
  const t = text.replace(/^[-+]/, "").replaceAll("_", "").toLowerCase();
  const [mantissa = "", exp = "0"] = t.split("e");
  const frac = mantissa.split(".")[1]?.length ?? 0;
  return Math.max(0, frac - Number(exp));
}

/** The text of `literal` moved by `steps` steps; ints stay ints, floats keep their decimals. */
export function scrubbedText(literal: NumericLiteral, steps: number): string {
  if (!literal.isFloat) return formatPyInt(literal.value + steps);
  const places = Math.min(literalDecimals(literal.text), 15);
  const step = 10 ** -places;
  const value = Number((literal.value + steps * step).toFixed(places));
  // Written precision is kept (0.01 -> 0.10, not 0.1) so the literal does not jump in width.
  return /[eE]/.test(literal.text) || places === 0 ? formatPyFloat(value) : value.toFixed(places);
}

const numberMark = Decoration.mark({ class: "cm-scrub-number" });

function decorate(view: EditorView): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  for (const lit of findNumericLiterals(view.state.doc.toString())) {
    if (lit.range.to > lit.range.from) builder.add(lit.range.from, lit.range.to, numberMark);
  }
  return builder.finish();
}

let armedListeners = 0;
function onAltKey(event: KeyboardEvent): void {
  document.documentElement.classList.toggle(ARMED_CLASS, event.altKey && event.type === "keydown");
}
function onBlurWindow(): void {
  document.documentElement.classList.remove(ARMED_CLASS);
}

/** `onScrub` is called after each live change, so the cell can re-run. */
export function scrubber(onScrub: () => void): Extension {
  const marks = ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = decorate(view);
        if (armedListeners++ === 0) {
          window.addEventListener("keydown", onAltKey);
          window.addEventListener("keyup", onAltKey);
          window.addEventListener("blur", onBlurWindow);
        }
      }
      update(update: ViewUpdate) {
        if (update.docChanged) this.decorations = decorate(update.view);
      }
      destroy() {
        if (--armedListeners === 0) {
          window.removeEventListener("keydown", onAltKey);
          window.removeEventListener("keyup", onAltKey);
          window.removeEventListener("blur", onBlurWindow);
        }
      }
    },
    { decorations: (v) => v.decorations },
  );

  const drag = EditorView.domEventHandlers({
    mousedown(event, view) {
      if (!event.altKey || event.button !== 0) return false;
      const pos = view.posAtCoords({ x: event.clientX, y: event.clientY });
      if (pos === null) return false;
      const literal = findNumericLiterals(view.state.doc.toString()).find(
        (l) => l.range.from <= pos && pos <= l.range.to,
      );
      if (literal === undefined) return false;
      event.preventDefault();
      const startX = event.clientX;
      const from = literal.range.from;
      let length = literal.range.to - literal.range.from;
      let lastSteps = 0;
      const move = (e: MouseEvent) => {
        const raw = (e.clientX - startX) / PX_PER_STEP;
        const steps = Math.round(raw) * (e.shiftKey ? 10 : 1);
        if (steps === lastSteps) return;
        lastSteps = steps;
        const text = scrubbedText(literal, steps);
        view.dispatch({
          changes: { from, to: from + length, insert: text },
          selection: { anchor: from + text.length },
          userEvent: "input.scrub",
        });
        length = text.length;
        onScrub();
      };
      const up = () => {
        window.removeEventListener("mousemove", move);
        window.removeEventListener("mouseup", up);
      };
      window.addEventListener("mousemove", move);
      window.addEventListener("mouseup", up);
      return true;
    },
  });

  return [marks, drag];
}
