/**
 * "Jupyter server…": asks for the server's address and token, lists its kernel
 * specs, and switches to the chosen one. A native modal <dialog>: focus moves
 * into it and stays there, Esc closes it, and focus returns to the button that
 * opened it. The token lives only in this form's state (never stored, never in
 * a link); the address is remembered by the caller once a connection works.
 */
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { listKernelSpecs } from "../notebook/jupyter-kernel.ts";
import {
  badUrlProblem,
  describeJupyterError,
  type JupyterProblem,
  normaliseServerUrl,
  tokenInUrl,
} from "../notebook/jupyter-problems.ts";
import type { JupyterTarget } from "../notebook/kernel-switch.ts";

export interface JupyterDialogProps {
  open: boolean;
  /** The address to start from: the remembered one, or `?jupyter=URL`. */
  initialUrl: string;
  onClose(): void;
  /** Switches to the kernel; resolves with the problem when it could not start. */
  onConnect(target: JupyterTarget): Promise<JupyterProblem | null>;
  /** The "Switch back to the browser kernel" action of an error. */
  onBrowser(): void;
}

type Spec = { name: string; displayName: string };

type Step =
  | { step: "address" }
  | { step: "listing" }
  | { step: "choose"; url: string; token: string; specs: Spec[] }
  | { step: "starting"; url: string; token: string; specs: Spec[] };

/** `python3` when the server has it, else the first spec. */
function defaultSpec(specs: readonly Spec[]): string {
  return specs.find((s) => s.name === "python3")?.name ?? specs[0]?.name ?? "";
}

export function JupyterDialog({ open, initialUrl, onClose, onConnect, onBrowser }: JupyterDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const urlInput = useRef<HTMLInputElement>(null);
  const tokenInput = useRef<HTMLInputElement>(null);
  const specSelect = useRef<HTMLSelectElement>(null);
  const ids = useId();
  const [url, setUrl] = useState(initialUrl);
  const [token, setToken] = useState("");
  const [spec, setSpec] = useState("");
  const [step, setStep] = useState<Step>({ step: "address" });
  const [problem, setProblem] = useState<JupyterProblem | null>(null);
  /** The field to focus once the step's render has enabled it (a disabled input cannot take focus). */
  const [focus, setFocus] = useState<{ field: "url" | "token" | "spec" } | null>(null);

  useEffect(() => {
    const el = dialog.current;
    if (el === null) return;
    if (open && !el.open) {
      const opener = document.activeElement;
      el.showModal();
      // An address is known (remembered, or ?jupyter=): the token is what is missing.
      (initialUrl !== "" ? tokenInput : urlInput).current?.focus();
      const restore = () => {
        if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
      };
      el.addEventListener("close", restore, { once: true });
    }
    if (!open && el.open) el.close();
  }, [open, initialUrl]);

  useEffect(() => {
    if (open) setUrl((u) => (u === "" ? initialUrl : u));
  }, [open, initialUrl]);

  useEffect(() => {
    if (focus === null) return;
    const field = { url: urlInput, token: tokenInput, spec: specSelect }[focus.field];
    field.current?.focus();
  }, [focus]);

  async function list(event: FormEvent): Promise<void> {
    event.preventDefault();
    const base = normaliseServerUrl(url);
    if (base === null) {
      setProblem(badUrlProblem(url));
      setFocus({ field: "url" });
      return;
    }
    // A pasted `…/lab?token=abc` carries the token; it never leaves this form.
    const key = token !== "" ? token : (tokenInUrl(url) ?? "");
    setProblem(null);
    setStep({ step: "listing" });
    try {
      const specs = await listKernelSpecs(base, key);
      if (specs.length === 0) throw new Error("the server has no kernel specs");
      setUrl(base);
      setToken(key);
      setSpec(defaultSpec(specs));
      setStep({ step: "choose", url: base, token: key, specs });
      setFocus({ field: "spec" });
    } catch (error: unknown) {
      const found = describeJupyterError(error, base, window.location.origin);
      setProblem(found);
      setStep({ step: "address" });
      setFocus({ field: found.kind === "token" ? "token" : "url" });
    }
  }

  async function connect(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (step.step !== "choose") return;
    const chosen = step.specs.find((s) => s.name === spec);
    if (chosen === undefined) return;
    setProblem(null);
    setStep({ ...step, step: "starting" });
    const found = await onConnect({
      url: step.url,
      token: step.token,
      spec: chosen.name,
      displayName: chosen.displayName,
    });
    if (found === null) {
      setStep({ step: "address" });
      onClose();
      return;
    }
    setProblem(found);
    setStep({ ...step, step: "choose" });
    setFocus({ field: "spec" });
  }

  const busy = step.step === "listing" || step.step === "starting";
  const specs = step.step === "choose" || step.step === "starting" ? step.specs : null;

  return (
    <dialog
      ref={dialog}
      className="jupyter-dialog"
      aria-labelledby={`${ids}-title`}
      aria-describedby={`${ids}-help`}
      onClose={() => {
        setProblem(null);
        setStep({ step: "address" });
        onClose();
      }}
    >
      <h2 id={`${ids}-title`}>Run on a Jupyter server</h2>
      <p id={`${ids}-help`}>
        The notebook, its forms and re-runs stay as they are; the cells run on the server's kernel. The token
        is kept only while this tab is open, never stored and never put in a link.
      </p>
      <form onSubmit={(e) => void (specs === null ? list(e) : connect(e))}>
        <label htmlFor={`${ids}-url`}>Server address</label>
        <input
          ref={urlInput}
          id={`${ids}-url`}
          type="text"
          inputMode="url"
          spellCheck={false}
          autoComplete="url"
          placeholder="http://127.0.0.1:8888/"
          value={url}
          disabled={busy || specs !== null}
          onChange={(e) => setUrl(e.target.value)}
          required
        />
        <label htmlFor={`${ids}-token`}>Token</label>
        <input
          ref={tokenInput}
          id={`${ids}-token`}
          type="password"
          autoComplete="off"
          value={token}
          disabled={busy || specs !== null}
          onChange={(e) => setToken(e.target.value)}
        />
        {specs !== null && (
          <>
            <label htmlFor={`${ids}-spec`}>Kernel</label>
            <select
              ref={specSelect}
              id={`${ids}-spec`}
              value={spec}
              disabled={busy}
              onChange={(e) => setSpec(e.target.value)}
            >
              {specs.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.displayName} ({s.name})
                </option>
              ))}
            </select>
          </>
        )}
        {problem !== null && (
          <p className={`jupyter-problem ${problem.kind}`} role="alert">
            {problem.message}
          </p>
        )}
        {busy && (
          <p className="jupyter-progress" role="status">
            {step.step === "listing" ? "Asking the server for its kernels…" : "Starting the kernel…"}
          </p>
        )}
        <div className="jupyter-actions">
          {specs !== null && (
            <button type="button" disabled={busy} onClick={() => setStep({ step: "address" })}>
              Change address
            </button>
          )}
          {problem !== null ? (
            <button
              type="button"
              onClick={() => {
                onBrowser();
                dialog.current?.close();
              }}
            >
              Switch back to the browser kernel
            </button>
          ) : (
            <button type="button" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {specs === null ? "List kernels" : "Connect"}
          </button>
        </div>
      </form>
    </dialog>
  );
}
