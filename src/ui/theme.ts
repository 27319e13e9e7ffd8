import { useSyncExternalStore } from "react";
import { useNotebook } from "./store-context.tsx";

const DARK_QUERY = "(prefers-color-scheme: dark)";

function subscribeDark(onChange: () => void): () => void {
  const query = window.matchMedia(DARK_QUERY);
  query.addEventListener("change", onChange);
  return () => query.removeEventListener("change", onChange);
}

/** The theme in effect: the user's choice, or the system's when they chose "system". */
export function useResolvedTheme(): "light" | "dark" {
  const theme = useNotebook((s) => s.ui.theme);
  const systemDark = useSyncExternalStore(subscribeDark, () => window.matchMedia(DARK_QUERY).matches);
  if (theme === "system") return systemDark ? "dark" : "light";
  return theme;
}
