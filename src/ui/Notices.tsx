/**
 * Notices from live editing (restored or reset notebooks, links, files), each
 * with an optional action. Info notices go away by themselves (live.ts); at
 * most SHOWN are on screen, newest last, and the rest wait behind "N more".
 */
import { useState } from "react";
import { useLive, useLiveState } from "./live-context.tsx";
import "./live.css";

const SHOWN = 2;

export function Notices() {
  const live = useLive();
  const notices = useLiveState((s) => s.notices);
  const [all, setAll] = useState(false);
  if (live === null || notices.length === 0) return null;
  const hidden = all ? 0 : Math.max(0, notices.length - SHOWN);
  return (
    <div className="live-notices">
      {hidden > 0 && (
        <div className="notice-more">
          <button type="button" onClick={() => setAll(true)}>
            {hidden} more {hidden === 1 ? "notice" : "notices"}
          </button>
          <button
            type="button"
            onClick={() => {
              for (const n of notices) live.dismiss(n.id);
            }}
          >
            Dismiss all
          </button>
        </div>
      )}
      {notices.slice(hidden).map((n) => (
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
