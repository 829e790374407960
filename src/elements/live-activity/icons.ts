/** Small stroke icons (24×24 viewBox, currentColor) for the feed. Decorative: always beside a text label. */
import { svg, type SVGTemplateResult } from 'lit';
import type { IconName } from './activity-store.js';

const PATHS: Record<IconName | 'close' | 'copy' | 'pause' | 'play' | 'search' | 'clock', SVGTemplateResult> = {
  upload: svg`<path d="M12 16V4m0 0-5 5m5-5 5 5M4 20h16"/>`,
  download: svg`<path d="M12 4v12m0 0-5-5m5 5 5-5M4 20h16"/>`,
  client: svg`<rect x="3" y="4" width="18" height="12" rx="2"/><path d="M8 20h8m-4-4v4"/>`,
  execution: svg`<rect x="5" y="5" width="14" height="14" rx="2"/><path d="M9 2v3m6-3v3M9 19v3m6-3v3M2 9h3m-3 6h3m14-6h3m-3 6h3"/>`,
  other: svg`<circle cx="5" cy="12" r="1.5"/><circle cx="12" cy="12" r="1.5"/><circle cx="19" cy="12" r="1.5"/>`,
  task_start: svg`<path d="M4 13h4l2 3h4l2-3h4M5.5 5h13L21 13v5a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-5z"/>`,
  task_step: svg`<path d="M4 20V10m6 10V4m6 16v-7m4 7H3"/>`,
  actions_generated: svg`<path d="M13 2 4 14h7l-1 8 9-12h-7z"/>`,
  task_ok: svg`<circle cx="12" cy="12" r="9"/><path d="m8 12 3 3 5-6"/>`,
  task_failed: svg`<circle cx="12" cy="12" r="9"/><path d="m9 9 6 6m0-6-6 6"/>`,
  validator_connection: svg`<path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1"/>`,
  cache_hit: svg`<ellipse cx="12" cy="5.5" rx="7" ry="2.5"/><path d="M5 5.5v13c0 1.4 3.1 2.5 7 2.5s7-1.1 7-2.5v-13M5 12c0 1.4 3.1 2.5 7 2.5s7-1.1 7-2.5"/>`,
  error: svg`<path d="M12 3 2 20h20zM12 10v4m0 3v.01"/>`,
  close: svg`<path d="m6 6 12 12M18 6 6 18"/>`,
  copy: svg`<rect x="9" y="9" width="11" height="11" rx="2"/><path d="M5 15V5a2 2 0 0 1 2-2h8"/>`,
  pause: svg`<path d="M9 5v14m6-14v14"/>`,
  play: svg`<path d="m7 4 13 8-13 8z"/>`,
  search: svg`<circle cx="11" cy="11" r="7"/><path d="m20 20-4-4"/>`,
  clock: svg`<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 2"/>`,
};

export type AnyIcon = keyof typeof PATHS;

export function icon(name: AnyIcon): SVGTemplateResult {
  return svg`<svg class="icon" viewBox="0 0 24 24" width="16" height="16" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${PATHS[name]}</svg>`;
}
