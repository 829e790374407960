/**
 * Design tokens. Every element includes `tokens` in its static styles. Public, themable
 * names are `--tt-*` (set them on any ancestor, e.g. `:root`); elements read the private
 * `--_tt-*` copies, which fall back to defaults. Colours use light-dark(), so the theme is
 * the inherited `color-scheme` (set by <settings-panel> / applyTheme on the document).
 */
import { css } from 'lit';

export const tokens = css`
  :host {
    --_tt-font: var(--tt-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_tt-font-mono: var(--tt-font-mono, ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'DejaVu Sans Mono', monospace);
    --_tt-font-size: var(--tt-font-size, 0.875rem);
    --_tt-font-size-sm: var(--tt-font-size-sm, 0.75rem);
    --_tt-radius: var(--tt-radius, 6px);
    --_tt-space-1: var(--tt-space-1, 4px);
    --_tt-space-2: var(--tt-space-2, 8px);
    --_tt-space-3: var(--tt-space-3, 12px);
    --_tt-space-4: var(--tt-space-4, 16px);
    --_tt-row-height: var(--tt-row-height, 32px);

    --_tt-bg: var(--tt-color-bg, light-dark(#ffffff, #1a1b1e));
    --_tt-surface: var(--tt-color-surface, light-dark(#f8f9fa, #25262b));
    --_tt-surface-2: var(--tt-color-surface-2, light-dark(#f1f3f5, #2c2e33));
    --_tt-border: var(--tt-color-border, light-dark(#dee2e6, #373a40));
    --_tt-text: var(--tt-color-text, light-dark(#212529, #e9ecef));
    --_tt-text-dim: var(--tt-color-text-dim, light-dark(#5c636a, #a6a7ab));
    --_tt-accent: var(--tt-color-accent, light-dark(#1c64d9, #6ea8fe));
    --_tt-accent-text: var(--tt-color-accent-text, light-dark(#ffffff, #101113));
    --_tt-focus: var(--tt-color-focus, light-dark(#1c64d9, #8ab4ff));
    --_tt-highlight: var(--tt-color-highlight, light-dark(#fff3bf, #5c4a00));

    /* Status colours: one meaning, one colour, everywhere (table, badge, drawer). */
    --_tt-ok: var(--tt-color-ok, light-dark(#146c34, #69db7c));
    --_tt-ok-bg: var(--tt-color-ok-bg, light-dark(#e6f4ea, #1f3a27));
    --_tt-info: var(--tt-color-info, light-dark(#1c5fc9, #74c0fc));
    --_tt-info-bg: var(--tt-color-info-bg, light-dark(#e7f0fd, #1c2f4a));
    --_tt-warn: var(--tt-color-warn, light-dark(#8a5a00, #ffd43b));
    --_tt-warn-bg: var(--tt-color-warn-bg, light-dark(#fff4db, #3d3212));
    --_tt-error: var(--tt-color-error, light-dark(#c0262d, #ff8787));
    --_tt-error-bg: var(--tt-color-error-bg, light-dark(#fdecec, #45201f));
    --_tt-neutral: var(--tt-color-neutral, light-dark(#5c636a, #adb5bd));
    --_tt-neutral-bg: var(--tt-color-neutral-bg, light-dark(#f1f3f5, #2f3136));
    --_tt-purple: var(--tt-color-purple, light-dark(#6f42c1, #c5a3ff));
    --_tt-purple-bg: var(--tt-color-purple-bg, light-dark(#f1eafc, #33284a));
    --_tt-cyan: var(--tt-color-cyan, light-dark(#0b7285, #66d9e8));
    --_tt-cyan-bg: var(--tt-color-cyan-bg, light-dark(#e3f7fa, #15343a));
    --_tt-orange: var(--tt-color-orange, light-dark(#b35000, #ffa94d));
    --_tt-orange-bg: var(--tt-color-orange-bg, light-dark(#fff0e0, #3f2a14));

    color-scheme: inherit;
    font-family: var(--_tt-font);
    font-size: var(--_tt-font-size);
    color: var(--_tt-text);
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: 2px solid var(--_tt-focus);
    outline-offset: 1px;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;

/** Shared control styles: buttons, inputs, selects, badges, skeletons. */
export const controls = css`
  button,
  input,
  select {
    font: inherit;
    color: inherit;
  }
  button {
    display: inline-flex;
    align-items: center;
    gap: var(--_tt-space-1);
    padding: 3px 10px;
    min-height: 28px;
    border: 1px solid var(--_tt-border);
    border-radius: var(--_tt-radius);
    background: var(--_tt-surface);
    cursor: pointer;
  }
  button:hover {
    background: var(--_tt-surface-2);
  }
  button[aria-pressed='true'] {
    background: var(--_tt-accent);
    border-color: var(--_tt-accent);
    color: var(--_tt-accent-text);
  }
  button:disabled {
    opacity: 0.55;
    cursor: default;
  }
  input,
  select {
    min-height: 28px;
    padding: 3px 8px;
    border: 1px solid var(--_tt-border);
    border-radius: var(--_tt-radius);
    background: var(--_tt-bg);
  }
  .badge {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 1px 8px;
    border-radius: 999px;
    font-size: var(--_tt-font-size-sm);
    font-weight: 600;
    white-space: nowrap;
    background: var(--_tt-neutral-bg);
    color: var(--_tt-neutral);
  }
  .badge[data-tone='ok'] { background: var(--_tt-ok-bg); color: var(--_tt-ok); }
  .badge[data-tone='info'] { background: var(--_tt-info-bg); color: var(--_tt-info); }
  .badge[data-tone='warn'] { background: var(--_tt-warn-bg); color: var(--_tt-warn); }
  .badge[data-tone='error'] { background: var(--_tt-error-bg); color: var(--_tt-error); }
  .badge[data-tone='purple'] { background: var(--_tt-purple-bg); color: var(--_tt-purple); }
  .badge[data-tone='cyan'] { background: var(--_tt-cyan-bg); color: var(--_tt-cyan); }
  .badge[data-tone='orange'] { background: var(--_tt-orange-bg); color: var(--_tt-orange); }
  .skeleton {
    display: block;
    height: 0.9em;
    border-radius: 4px;
    background: linear-gradient(90deg, var(--_tt-surface-2) 25%, var(--_tt-border) 50%, var(--_tt-surface-2) 75%);
    background-size: 200% 100%;
    animation: tt-shimmer 1.4s ease-in-out infinite;
  }
  @keyframes tt-shimmer {
    from { background-position: 200% 0; }
    to { background-position: -200% 0; }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton { animation: none; }
  }
`;

/** Status → tone, shared by every element so colours agree between views. */
export type Tone = 'ok' | 'info' | 'warn' | 'error' | 'neutral' | 'purple' | 'cyan' | 'orange';
