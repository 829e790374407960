/** Stroke icons (24×24, Tabler-like) for the navigation; decorative, aria-hidden. */
import { svg, html, type TemplateResult } from 'lit';

const icon = (body: TemplateResult) =>
  html`<svg class="icon" viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${body}</svg>`;

export const ICONS: Record<string, TemplateResult> = {
  activity: icon(svg`<path d="M3 12h4l3 8 4-16 3 8h4"/>`),
  workers: icon(svg`<rect x="5" y="5" width="14" height="14" rx="2"/><rect x="9" y="9" width="6" height="6"/><path d="M3 10h2M3 14h2M19 10h2M19 14h2M10 3v2M14 3v2M10 19v2M14 19v2"/>`),
  storage: icon(svg`<ellipse cx="12" cy="6" rx="8" ry="3"/><path d="M4 6v6c0 1.7 3.6 3 8 3s8-1.3 8-3V6"/><path d="M4 12v6c0 1.7 3.6 3 8 3s8-1.3 8-3v-6"/>`),
  clients: icon(svg`<circle cx="9" cy="7" r="4"/><path d="M3 21v-2a4 4 0 0 1 4-4h4a4 4 0 0 1 4 4v2"/><path d="M16 3.1a4 4 0 0 1 0 7.8M21 21v-2a4 4 0 0 0-3-3.9"/>`),
  logs: icon(svg`<rect x="3" y="4" width="18" height="16" rx="2"/><path d="M7 9l3 3-3 3M13 15h4"/>`),
  tasks: icon(svg`<rect x="4" y="4" width="16" height="16" rx="2"/><path d="M8 9l2 2 4-4M8 15h8"/>`),
  rollouts: icon(svg`<circle cx="6" cy="19" r="2"/><circle cx="18" cy="5" r="2"/><path d="M12 19h4.5a3.5 3.5 0 0 0 0-7h-8a3.5 3.5 0 0 1 0-7H12"/>`),
  resources: icon(svg`<path d="M12 3l8 4.5v9L12 21l-8-4.5v-9z"/><path d="M12 12l8-4.5M12 12v9M12 12L4 7.5"/>`),
  traces: icon(svg`<path d="M4 6h9M7 12h10M10 18h6"/><path d="M3 3v18"/>`),
  settings: icon(svg`<path d="M10.3 4.3c.4-1.8 3-1.8 3.4 0a1.7 1.7 0 0 0 2.6 1.1c1.5-.9 3.3.8 2.3 2.4a1.7 1.7 0 0 0 1.1 2.5c1.8.4 1.8 3 0 3.4a1.7 1.7 0 0 0-1.1 2.6c.9 1.5-.8 3.3-2.4 2.3a1.7 1.7 0 0 0-2.5 1.1c-.4 1.8-3 1.8-3.4 0a1.7 1.7 0 0 0-2.6-1.1c-1.5.9-3.3-.8-2.3-2.4a1.7 1.7 0 0 0-1.1-2.5c-1.8-.4-1.8-3 0-3.4a1.7 1.7 0 0 0 1.1-2.6c-.9-1.5.8-3.3 2.4-2.3a1.7 1.7 0 0 0 2.5-1.1z"/><circle cx="12" cy="12" r="3"/>`),
  menu: icon(svg`<path d="M4 6h16M4 12h16M4 18h16"/>`),
  close: icon(svg`<path d="M6 6l12 12M18 6L6 18"/>`),
};

/** The brand mark: a telltale lamp, lit. */
export const BRAND = html`<svg class="brand-mark" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
  <path d="M16 3.5c-5.2 0-9 3.9-9 9 0 3.3 1.7 5.4 3.2 7.1.9 1 1.3 1.8 1.3 3V24h9v-1.4c0-1.2.4-2 1.3-3 1.5-1.7 3.2-3.8 3.2-7.1 0-5.1-3.8-9-9-9z" fill="#fab005" stroke="#e8590c" stroke-width="1.2"/>
  <path d="M12.5 26.5h7M13.5 29h5" stroke="#868e96" stroke-width="2" stroke-linecap="round"/>
  <path d="M16 9v6M16 18.2v.1" stroke="#7a2e00" stroke-width="2.4" stroke-linecap="round"/>
</svg>`;
