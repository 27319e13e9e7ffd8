/**
 * The kernel switch in the toolbar ("Browser (Initlab)" / "Jupyter server…"),
 * the kernel's name in the status line, and the context that carries the
 * switch (src/notebook/kernel-switch.ts) from main.tsx to them.
 */
import { createContext, type ReactNode, useContext, useState } from "react";
import { useStore } from "zustand";
import { BROWSER_KERNEL, connectionLabel, type KernelSwitch } from "../notebook/kernel-switch.ts";
import type { StorageAdapter } from "../notebook/persist.ts";
import { JupyterDialog } from "./JupyterDialog.tsx";
import "./kernel.css";

/** The IndexedDB key of the last server address that worked (never the token). */
export const JUPYTER_URL_KEY = "initlab:jupyter-url";

export interface KernelSwitchContext {
  kernels: KernelSwitch;
  /** Where the server address is remembered; null without IndexedDB. */
  storage: StorageAdapter | null;
  /** A server address from `?jupyter=URL`: the dialog opens with it at startup. */
  linkedUrl: string | null;
}

const Context = createContext<KernelSwitchContext | null>(null);

export function KernelSwitchProvider({
  value,
  children,
}: {
  value: KernelSwitchContext;
  children: ReactNode;
}) {
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

function useKernelSwitchContext(): KernelSwitchContext | null {
  return useContext(Context);
}

/** The words after the kernel status: which kernel, and its connection. */
export function KernelName() {
  const context = useKernelSwitchContext();
  if (context === null) return null;
  return <KernelNameOf kernels={context.kernels} />;
}

function KernelNameOf({ kernels }: { kernels: KernelSwitch }) {
  const connection = useStore(kernels.state, (s) => s.connection);
  return <span className="kernel-name"> · {connectionLabel(connection)}</span>;
}

/** The two kernel buttons, and the dialog behind the second. */
export function KernelSwitchButtons() {
  const context = useKernelSwitchContext();
  if (context === null) return null;
  return <Buttons context={context} />;
}

function Buttons({ context }: { context: KernelSwitchContext }) {
  const { kernels, storage, linkedUrl } = context;
  const kind = useStore(kernels.state, (s) => s.connection.kind);
  const [open, setOpen] = useState(linkedUrl !== null);
  const [initialUrl, setInitialUrl] = useState(linkedUrl ?? "");

  function openDialog(): void {
    setOpen(true);
    if (linkedUrl !== null || storage === null) return;
    storage.get(JUPYTER_URL_KEY).then(
      (url) => {
        if (typeof url === "string") setInitialUrl(url);
      },
      () => undefined,
    );
  }

  return (
    <>
      <button
        type="button"
        aria-pressed={kind === "browser"}
        title="Run the cells in this tab, with Initlab's own kernel"
        onClick={() => kind !== "browser" && kernels.toBrowser()}
      >
        <span className="button-text keep">{BROWSER_KERNEL}</span>
      </button>
      <button
        type="button"
        aria-pressed={kind === "jupyter"}
        aria-haspopup="dialog"
        title="Run the cells on a Jupyter server's kernel"
        onClick={openDialog}
      >
        <span className="button-text keep">Jupyter server…</span>
      </button>
      <JupyterDialog
        open={open}
        initialUrl={initialUrl}
        onClose={() => setOpen(false)}
        onBrowser={() => {
          if (kernels.state.getState().connection.kind !== "browser") kernels.toBrowser();
        }}
        onConnect={async (target) => {
          const problem = await kernels.toJupyter(target);
          if (problem === null) {
            setInitialUrl(target.url);
            storage?.set(JUPYTER_URL_KEY, target.url).catch(() => undefined);
          }
          return problem;
        }}
      />
    </>
  );
}
