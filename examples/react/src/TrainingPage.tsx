import { useRef, useState } from 'react';
// JSX types for every Telltale tag: props checked by name and type, handlers by event type.
import type {} from 'telltale/react';

/** `backend`: the server's address; '' = the page's origin. */
export function TrainingPage({ backend }: { backend: string }) {
  const [trace, setTrace] = useState<{ rollout: string; attempt: string | null } | null>(null);
  const [span, setSpan] = useState<string | null>(null);
  const table = useRef<HTMLElementTagNameMap['rollout-table']>(null);

  return (
    <>
      <header>
        <connection-status showServer />
        <button type="button" onClick={() => void table.current?.refresh()}>Refresh</button>
      </header>

      {/* properties (camelCase, typed): baseUrl, pageSize; event: rollout-view-traces */}
      <rollout-table
        ref={table}
        baseUrl={backend}
        pageSize={25}
        onrollout-view-traces={(e) => setTrace({ rollout: e.detail.rollout.rollout_id, attempt: e.detail.attempt?.attempt_id ?? null })}
      />

      {trace && (
        <>
          <p id="picked">Traces of {trace.rollout}</p>
          <trace-view
            baseUrl={backend}
            rolloutId={trace.rollout}
            attemptId={trace.attempt}
            onspan-select={(e) => setSpan(e.detail.span.span_id)}
          />
        </>
      )}
      {span && <p>Selected span {span}</p>}

      <log-console baseUrl={backend} streams="scheduler,worker-01" label="Build logs" style={{ height: 320 }} />
    </>
  );
}
