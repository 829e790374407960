/**
 * The page's settings when no provider supplies them: one BehaviorSubject, remembered in
 * localStorage so a reload keeps them. <settings-panel> writes here (or to its provider).
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
    };
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

export const pageSettings$ = new BehaviorSubject<Settings>(load());

export function updatePageSettings(patch: Partial<Settings>): Settings {
  const next = { ...pageSettings$.value, ...patch };
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
