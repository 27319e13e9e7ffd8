/**
 * A CodeMirror 6 editor for one cell: Python highlighting and bracket
 * matching for code, plain text for markdown. Shift/Ctrl/Alt+Enter and Esc
 * are bound with the highest precedence so they act as notebook commands.
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import {
  bracketMatching,
  HighlightStyle,
  indentOnInput,
  indentUnit,
  syntaxHighlighting,
} from "@codemirror/language";
import { EditorState, type Extension, Prec } from "@codemirror/state";
import { drawSelection, EditorView, keymap, placeholder } from "@codemirror/view";
import { tags } from "@lezer/highlight";
import { useEffect, useRef } from "react";

/** Token colours come from CSS variables so the light and dark themes restyle them. */
const highlight = HighlightStyle.define([
  {
    tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword, tags.moduleKeyword],
    color: "var(--tok-keyword)",
  },
  { tag: [tags.operatorKeyword, tags.self, tags.bool, tags.null], color: "var(--tok-keyword)" },
  { tag: [tags.string, tags.special(tags.string)], color: "var(--tok-string)" },
  { tag: [tags.number], color: "var(--tok-number)" },
  { tag: [tags.comment], color: "var(--tok-comment)", fontStyle: "italic" },
  { tag: [tags.function(tags.definition(tags.variableName))], color: "var(--tok-def)" },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName)], color: "var(--tok-call)" },
  { tag: [tags.heading], fontWeight: "bold" },
  { tag: [tags.emphasis], fontStyle: "italic" },
  { tag: [tags.strong], fontWeight: "bold" },
]);

const theme = EditorView.theme({
  "&": { backgroundColor: "transparent", color: "var(--fg)", fontSize: "inherit" },
  ".cm-content": { fontFamily: "var(--mono)", caretColor: "var(--fg)", padding: "0.45em 0" },
  ".cm-line": { padding: "0 0.6em" },
  "&.cm-focused": { outline: "none" },
  "&.cm-focused .cm-cursor": { borderLeftColor: "var(--fg)" },
  ".cm-selectionBackground, &.cm-focused .cm-selectionBackground": { backgroundColor: "var(--selection)" },
  "&.cm-focused .cm-matchingBracket": {
    backgroundColor: "var(--bracket)",
    outline: "1px solid var(--border)",
  },
  ".cm-placeholder": { color: "var(--muted)" },
});

/** A CodeMirror command that always reports the key as handled. */
function handled(run: () => void): () => boolean {
  return () => {
    run();
    return true;
  };
}

export interface EditorCommands {
  runAdvance(): void;
  run(): void;
  runInsert(): void;
  escape(): void;
}

export interface CodeEditorProps {
  value: string;
  language: "python" | "markdown";
  label: string;
  /** Focus the editor now (the cell entered edit mode). */
  focused: boolean;
  onChange(value: string): void;
  onFocus(): void;
  onBlur(): void;
  commands: EditorCommands;
  /** More editor extensions (the number scrubber), fixed for the editor's lifetime. */
  extensions?: Extension;
}

export function CodeEditor({
  value,
  language,
  label,
  focused,
  onChange,
  onFocus,
  onBlur,
  commands,
  extensions = [],
}: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  // Callbacks change every render; the editor reads them through refs so it is built once.
  const latest = useRef({ onChange, onFocus, onBlur, commands });
  latest.current = { onChange, onFocus, onBlur, commands };

  // biome-ignore lint/correctness/useExhaustiveDependencies: the editor is created once per cell and language; value changes are synced below.
  useEffect(() => {
    const parent = host.current;
    if (parent === null) return;
    const notebookKeys = Prec.highest(
      keymap.of([
        { key: "Shift-Enter", run: handled(() => latest.current.commands.runAdvance()) },
        { key: "Mod-Enter", run: handled(() => latest.current.commands.run()) },
        { key: "Alt-Enter", run: handled(() => latest.current.commands.runInsert()) },
        { key: "Escape", run: handled(() => latest.current.commands.escape()) },
      ]),
    );
    const created = new EditorView({
      parent,
      state: EditorState.create({
        doc: value,
        extensions: [
          notebookKeys,
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          indentUnit.of("    "),
          EditorState.tabSize.of(4),
          syntaxHighlighting(highlight),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          language === "python" ? python() : [],
          language === "markdown" ? [EditorView.lineWrapping, placeholder("Markdown text")] : [],
          theme,
          extensions,
          EditorView.contentAttributes.of({ "aria-label": label }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) latest.current.onChange(update.state.doc.toString());
            if (update.focusChanged) {
              if (update.view.hasFocus) latest.current.onFocus();
              else latest.current.onBlur();
            }
          }),
        ],
      }),
    });
    view.current = created;
    return () => {
      created.destroy();
      view.current = null;
    };
  }, [language]);

  useEffect(() => {
    const v = view.current;
    if (v === null) return;
    const current = v.state.doc.toString();
    if (current === value) return;
    // Replace only what differs (a form rewrote one literal), so the cursor stays and undo is one step.
    let from = 0;
    while (from < current.length && from < value.length && current[from] === value[from]) from++;
    let end = 0;
    while (
      end < current.length - from &&
      end < value.length - from &&
      current[current.length - 1 - end] === value[value.length - 1 - end]
    )
      end++;
    v.dispatch({
      changes: { from, to: current.length - end, insert: value.slice(from, value.length - end) },
    });
  }, [value]);

  useEffect(() => {
    const v = view.current;
    if (focused && v !== null && !v.hasFocus) v.focus();
  }, [focused]);

  useEffect(() => {
    view.current?.contentDOM.setAttribute("aria-label", label);
  }, [label]);

  return <div className="editor" ref={host} />;
}
