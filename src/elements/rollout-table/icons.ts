/** Small inline icons (static SVG templates; no untrusted data inside). */
import { svg } from 'lit';

const icon = (body: ReturnType<typeof svg>) =>
  svg`<svg class="icon" viewBox="0 0 24 24" width="16" height="16" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${body}</svg>`;

export const iconJson = icon(
  svg`<path d="M14 3v4a1 1 0 0 0 1 1h4"/><path d="M17 21H7a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h7l5 5v11a2 2 0 0 1-2 2z"/><path d="M9 13h6M9 17h6"/>`,
);
export const iconTraces = icon(svg`<path d="M3 17l6-6 4 4 8-8"/><path d="M14 7h7v7"/>`);
export const iconChevron = icon(svg`<path d="M9 6l6 6-6 6"/>`);
export const iconRefresh = icon(svg`<path d="M20 11A8.1 8.1 0 0 0 4.5 9M4 5v4h4"/><path d="M4 13a8.1 8.1 0 0 0 15.5 2m.5 4v-4h-4"/>`);
export const iconSearch = icon(svg`<circle cx="10" cy="10" r="7"/><path d="M21 21l-6-6"/>`);
export const iconFilter = icon(svg`<path d="M4 4h16v2.2a2 2 0 0 1-.6 1.4L15 12v7l-6 2v-8.5L4.5 7.5A2 2 0 0 1 4 6.2z"/>`);
export const iconSortBoth = icon(svg`<path d="M8 9l4-4 4 4M16 15l-4 4-4-4"/>`);
export const iconSortAsc = icon(svg`<path d="M12 19V5M6 11l6-6 6 6"/>`);
export const iconSortDesc = icon(svg`<path d="M12 5v14M18 13l-6 6-6-6"/>`);
export const iconAlert = icon(svg`<circle cx="12" cy="12" r="9"/><path d="M12 8v4M12 16h.01"/>`);
export const iconClose = icon(svg`<path d="M18 6L6 18M6 6l12 12"/>`);
