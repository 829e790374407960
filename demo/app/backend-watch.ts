/**
 * What the shell announces about its backends, from the hub's statuses: a backend that was
 * reached and now fails on every open source is lost (one toast, whatever the number of
 * sources), and when one of them is live again it is back (one toast). A source released
 * because nobody watches it is not a failure, and a backend never reached is not "lost": the
 * page shows its own error state (reason, address, Retry, Settings).
 */
import type { SourceStatus } from '../../src/streams/types.js';

export interface BackendNotice {
  tone: 'error' | 'ok';
  title: string;
  message?: string;
}

const FAILING = new Set<SourceStatus['state']>(['reconnecting', 'offline', 'error']);

/**
 * The server answers this source: a live stream or REST source, or a feed polling that has
 * delivered since `since` (a feed says "polling" as it falls back, before its first poll).
 */
const working = (s: SourceStatus, since: number) => s.state === 'live' || (s.state === 'polling' && s.lastEventAt !== null && s.lastEventAt > since);

/** A loss is not announced again sooner than this after the last one (a flapping link). */
const QUIET_MS = 15_000;

/** The backend a source belongs to: its URL up to the protocol's own path (`/live`, `/logs/…`, `/v1/agl/…`, `/api/dashboard/…`). */
export function backendOf(key: string): string {
  const url = key.split(' ')[0]!;
  const m = /^(.*?)(?:\/live(?:\/.*)?|\/logs(?:\/.*)?|\/v1\/agl(?:\/.*)?|\/api\/dashboard(?:\/.*)?)(?:[?#].*)?$/.exec(url);
  return (m ? m[1]! : url).replace(/\/+$/, '');
}

function hostOf(backend: string): string {
  try {
    const u = new URL(backend, globalThis.location?.href);
    return `${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return backend;
  }
}

export class BackendWatch {
  /** Backends that answered since the page loaded. */
  private readonly reached = new Set<string>();
  /** Backends whose loss was announced (and not yet their return), with when. */
  private readonly lost = new Map<string, number>();
  /** When each backend's loss was last announced. */
  private readonly announced = new Map<string, number>();

  /** The notices for this list of statuses (usually none). */
  update(list: readonly SourceStatus[], now = Date.now()): BackendNotice[] {
    const byBackend = new Map<string, SourceStatus[]>();
    for (const s of list) {
      const b = backendOf(s.key);
      byBackend.set(b, [...(byBackend.get(b) ?? []), s]);
    }
    const out: BackendNotice[] = [];
    for (const [backend, sources] of byBackend) {
      const failing = sources.filter((s) => FAILING.has(s.state));
      const lostAt = this.lost.get(backend);
      if (sources.some((s) => working(s, lostAt ?? -Infinity))) {
        this.reached.add(backend);
        if (this.lost.delete(backend)) out.push({ tone: 'ok', title: `Connection to ${hostOf(backend)} restored` });
      } else if (failing.length > 0 && this.reached.has(backend) && lostAt === undefined && now - (this.announced.get(backend) ?? -Infinity) >= QUIET_MS) {
        this.lost.set(backend, now);
        this.announced.set(backend, now);
        const reason = failing.find((s) => s.reason)?.reason;
        out.push({
          tone: 'error',
          title: `Lost the connection to ${hostOf(backend)}`,
          message: `${failing.length === 1 ? 'Its source is' : `All ${failing.length} of its sources are`} failing${reason ? `: ${reason}` : ''}. Retrying by itself.`,
        });
      }
    }
    return out;
  }
}
