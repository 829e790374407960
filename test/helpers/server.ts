/**
 * Browser-test access to the reference server started by web-test-runner.config.mjs.
 * Each test makes its own sandbox (an isolated, deterministic world) so tests never share
 * faults, clocks or counters.
 */
declare global {
  interface Window {
    __TELLTALE__: { server: string };
  }
}

export const serverUrl = (): string => window.__TELLTALE__.server;

export interface Sandbox {
  id: string;
  /** Absolute base URL of the sandbox, e.g. http://127.0.0.1:41234/sandboxes/sb-1a2b */
  url: string;
  admin(path: string, body?: unknown, method?: string): Promise<any>;
  stats(): Promise<any>;
  step(ms: number): Promise<void>;
  faults(body: Record<string, unknown>): Promise<void>;
  clearFaults(): Promise<void>;
  inject(body: Record<string, unknown>): Promise<void>;
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

export async function createSandbox(options: Record<string, unknown> = {}): Promise<Sandbox> {
  const res = await fetch(`${serverUrl()}/admin/sandboxes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ cors: true, ...options }),
  });
  if (!res.ok) throw new Error(`cannot create sandbox: ${res.status} ${await res.text()}`);
  const { id, base } = await res.json();
  const url = `${serverUrl()}${base}`;
  const admin = async (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') => {
    const r = await fetch(`${url}/admin/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`admin ${path}: ${r.status} ${await r.text()}`);
    const text = await r.text();
    return text ? JSON.parse(text) : null;
  };
  return {
    id,
    url,
    admin,
    stats: () => admin('stats'),
    step: async (ms) => void (await admin('step', { ms })),
    faults: async (body) => void (await admin('faults', body)),
    clearFaults: async () => void (await admin('faults', undefined, 'DELETE')),
    inject: async (body) => void (await admin('inject', body)),
    restart: async () => void (await admin('restart', {})),
    dispose: async () => void (await fetch(url, { method: 'DELETE' }).catch(() => undefined)),
  };
}
