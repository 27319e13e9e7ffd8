/**
 * A display_data or execute_result bundle other than a Plotly figure, drawn
 * as `planOutput` chooses: sanitised HTML, an image with alt text, or text.
 */
import { useMemo } from "react";
import type { MimeBundle } from "../../protocol.ts";
import { planOutput } from "./plan.ts";
import { sanitizer } from "./sanitize.ts";
import "./outputs.css";

export function MimeOutput({ data, metadata }: { data: MimeBundle; metadata: Record<string, unknown> }) {
  // Sanitising a large table is not free: once per bundle, not on every re-render of the cell.
  const plan = useMemo(() => planOutput(data, metadata, sanitizer()), [data, metadata]);
  switch (plan.kind) {
    case "html":
      return (
        <div
          className={`output output-html output-${plan.mime.slice(5)}`}
          // biome-ignore lint/security/noDangerouslySetInnerHtml: DOMPurify has sanitised it (sanitize.ts).
          dangerouslySetInnerHTML={{ __html: plan.html }}
        />
      );
    case "image":
      return (
        <div className="output output-image">
          <img
            src={plan.src}
            alt={plan.alt}
            data-mime={plan.mime}
            {...(plan.width === undefined ? {} : { width: plan.width })}
            {...(plan.height === undefined ? {} : { height: plan.height })}
          />
        </div>
      );
    case "text":
      return <pre className="output output-text">{plan.text}</pre>;
    case "none":
      return <pre className="output output-text muted">(an output this page cannot show)</pre>;
    default: {
      const unhandled: never = plan;
      return unhandled;
    }
  }
}
