/**
 * The page's settings when no provider supplies them: one BehaviorSubject, remembered in
 * localStorage so a reload keeps them (and followed when another tab of the page changes
 * them). <settings-panel> writes here (or to its provider). `settingsFetch` is the fetch of
 * the page's hub: it adds the access token for the backend address.
 */
import { BehaviorSubject } from 'rxjs';
import { DEFAULT_SETTINGS, THEMES, type Settings } from './context.js';

const STORAGE_KEY = 'telltale.settings';

function load(): Settings {
  try {
    const raw = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (!raw) return { ...DEFAULT_SETTINGS };
    const parsed = JSON.parse(raw) as Partial<Settings>;
    return {
      baseUrl: typeof parsed.baseUrl === 'string' ? parsed.baseUrl : DEFAULT_SETTINGS.baseUrl,
      autoRefreshMs:
        typeof parsed.autoRefreshMs === 'number' && parsed.autoRefreshMs >= 0 ? parsed.autoRefreshMs : DEFAULT_SETTINGS.autoRefreshMs,
      theme: THEMES.includes(parsed.theme as never) ? (parsed.theme as Settings['theme']) : DEFAULT_SETTINGS.theme,
      ...(typeof parsed.token === 'string' && parsed.token ? { token: parsed.token } : {}),
    };
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

export const pageSettings$ = new BehaviorSubject<Settings>(load());

// Another tab saved settings (a token, say): this one follows, so a tab that holds the shared
// connections for the others sends the new token too.
globalThis.addEventListener?.('storage', (e: StorageEvent) => {
  if (e.key === STORAGE_KEY) pageSettings$.next(load());
});

/**
 * fetch with the page's access token (Settings → Access token) as `Authorization: Bearer`,
 * read at each request, and only for the backend address's origin: the token never goes to
 * another server the page also reads.
 */
export function settingsFetch(input: string, init?: RequestInit): Promise<Response> {
  const { token, baseUrl } = pageSettings$.value;
  if (!token) return globalThis.fetch(input, init);
  const here = globalThis.location?.href;
  if (new URL(input, here).origin !== new URL(resolveBaseUrl(baseUrl) || '/', here).origin) return globalThis.fetch(input, init);
  const headers = new Headers(init?.headers);
  headers.set('Authorization', `Bearer ${token}`);
  return globalThis.fetch(input, { ...init, headers });
}

export function updatePageSettings(patch: Partial<Settings>): Settings {
  const next = { ...pageSettings$.value, ...patch };
  if (!next.token) delete next.token; // no token: none stored
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(next));
  } catch {
    /* storage may be unavailable (private mode, quota): settings still apply for this page */
  }
  pageSettings$.next(next);
  return next;
}

/** Apply a theme to a root element through `color-scheme` (tokens use light-dark()). */
export function applyTheme(theme: Settings['theme'], root: { style: { colorScheme: string } } | null = globalThis.document?.documentElement ?? null): void {
  if (!root) return;
  root.style.colorScheme = theme === 'system' ? 'light dark' : theme;
}

/** Resolve a base URL setting against the page origin: '' → the origin. */
export function resolveBaseUrl(baseUrl: string): string {
  const origin = globalThis.location?.origin ?? '';
  return (baseUrl || origin).replace(/\/+$/, '');
}
