/** Notices from live editing (restored or reset notebooks, links, files), each with an optional action. */
import { useLive, useLiveState } from "./live-context.tsx";
import "./live.css";

export function Notices() {
  const live = useLive();
  const notices = useLiveState((s) => s.notices);
  if (live === null || notices.length === 0) return null;
  return (
    <div className="live-notices">
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.tone}`} role={n.tone === "warning" ? "alert" : "status"}>
          <span>{n.text}</span>
          <span className="notice-actions">
            {n.action !== undefined && (
              <button type="button" onClick={() => n.action?.run()}>
                {n.action.label}
              </button>
            )}
            <button type="button" onClick={() => live.dismiss(n.id)} aria-label="Dismiss notice">
              ✕
            </button>
          </span>
        </div>
      ))}
    </div>
  );
}
