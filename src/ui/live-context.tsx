import { createContext, type ReactNode, useContext } from "react";
import { useStore } from "zustand";
import { createStore } from "zustand/vanilla";
import type { ReactiveState } from "../notebook/reactive.ts";
import type { Live, LiveState } from "./live.ts";

const LiveContext = createContext<Live | null>(null);

export function LiveProvider({ live, children }: { live: Live; children: ReactNode }) {
  return <LiveContext.Provider value={live}>{children}</LiveContext.Provider>;
}

/** The live controller, or null when the page runs without one (forms then only rewrite the source). */
export function useLive(): Live | null {
  return useContext(LiveContext);
}

const EMPTY_LIVE: LiveState = {
  notices: [],
  slide: null,
  lesson: null,
  autosave: null,
  fileName: "notebook",
  previous: 0,
  remoteImages: false,
};
const EMPTY_REACTIVE: ReactiveState = { autoRun: true, stale: new Set(), pending: [] };
const noLive = createStore<LiveState>()(() => EMPTY_LIVE);
const noReactive = createStore<ReactiveState>()(() => EMPTY_REACTIVE);

export function useLiveState<T>(selector: (state: LiveState) => T): T {
  const live = useLive();
  return useStore(live?.state ?? noLive, selector);
}

export function useReactive<T>(selector: (state: ReactiveState) => T): T {
  const live = useLive();
  return useStore(live?.scheduler.state ?? noReactive, selector);
}
