/**
 * Toolbar icons as inline SVG (stroke = currentColor), so they render the
 * same on every system font and follow the theme.
 */
const PATHS = {
  run: "M7 5v14l11-7z",
  runAll: "M4 5v14l8-7zM13 5v14l8-7z",
  stop: "M6 6h12v12H6z",
  restart: "M4 12a8 8 0 1 0 2.6-5.9M4 4v5h5",
  restartRun: "M3.5 12a7 7 0 1 0 2.2-5.1M3.5 4v4.5H8M10.5 9v6l5-3z",
  clear: "M4 20h16M7 16 17 6M8.5 6.5l9 9",
  plus: "M12 5v14M5 12h14",
  up: "M12 19V5M6 11l6-6 6 6",
  down: "M12 5v14M6 13l6 6 6-6",
  trash: "M5 7h14M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3",
  undo: "M9 14 4 9l5-5M4 9h10a6 6 0 0 1 0 12h-3",
  help: "M9.1 9a3 3 0 1 1 4.2 2.7c-.8.4-1.3 1.1-1.3 2v.8M12 18h.01",
  smaller: "M5 12h14",
  larger: "M12 5v14M5 12h14",
} as const;

export type IconName = keyof typeof PATHS;

const FILLED: ReadonlySet<IconName> = new Set(["run", "runAll", "stop"]);

export function Icon({ name }: { name: IconName }) {
  const filled = FILLED.has(name);
  return (
    <svg
      className="icon"
      viewBox="0 0 24 24"
      width="1.1em"
      height="1.1em"
      aria-hidden="true"
      focusable="false"
      fill={filled ? "currentColor" : "none"}
      stroke="currentColor"
      strokeWidth={filled ? 1 : 2}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
