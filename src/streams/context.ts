/**
 * What a subtree shares through @lit/context: the hub and the user's settings.
 * An element outside any provider uses the page's default hub and default settings;
 * an explicit `.hub` property wins over both (see TelltaleElement).
 */
import { createContext } from '@lit/context';
import type { HubLike } from './types.js';

export const THEMES = ['light', 'dark', 'system'] as const;
export type Theme = (typeof THEMES)[number];

/** Auto-refresh choices offered by <settings-panel>, in ms; 0 = off. */
export const AUTO_REFRESH_CHOICES = [0, 5000, 15000, 60000, 300000] as const;

export interface Settings {
  /** Backend base URL without a trailing slash; '' means the page's own origin. */
  baseUrl: string;
  /** 0 = off. */
  autoRefreshMs: number;
  theme: Theme;
  /**
   * Access token for a protected backend (`telltale relay --token`): the page's hub sends it
   * as `Authorization: Bearer` to the backend address only. '' or absent: none.
   */
  token?: string;
}

export const DEFAULT_SETTINGS: Settings = Object.freeze({ baseUrl: '', autoRefreshMs: 0, theme: 'system' });

export const hubContext = createContext<HubLike>(Symbol.for('telltale.hub'));
export const settingsContext = createContext<Settings>(Symbol.for('telltale.settings'));
