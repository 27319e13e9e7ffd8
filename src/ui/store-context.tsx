import { createContext, type ReactNode, useContext } from "react";
import { useStore } from "zustand";
import type { NotebookState, NotebookStore } from "../notebook/store.ts";

const StoreContext = createContext<NotebookStore | null>(null);

export function StoreProvider({ store, children }: { store: NotebookStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useNotebookStore(): NotebookStore {
  const store = useContext(StoreContext);
  if (store === null) throw new Error("useNotebookStore outside <StoreProvider>");
  return store;
}

/** Subscribes a component to one slice of the notebook state. */
export function useNotebook<T>(selector: (state: NotebookState) => T): T {
  return useStore(useNotebookStore(), selector);
}
