/**
 * The shared error panel (error-state.ts) as a lazy part of the elements that show it: fetched
 * right after the element's first paint (TelltaleElement.lazyPart, not on use: by the time a
 * source fails, the server that would serve the chunk may be gone too). Until it has arrived, or
 * when it could not be loaded, `renderErrorPanel` draws a plain panel with the essentials: what
 * could not be loaded, the reason, the address asked, Retry and the way to the settings.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ErrorStateOptions } from './error-state.js';
import type { LazyPart } from './lazy-part.js';

export type ErrorStateModule = typeof import('./error-state.js');
/** What an element's render asks for the panel (its lazy part). */
export type ErrorPanelPart = Pick<LazyPart<ErrorStateModule>, 'need'>;

/** For TelltaleElement.lazyPart: `private readonly errorPart = this.lazyPart('error-state', loadErrorState);` */
export const loadErrorState = (): Promise<ErrorStateModule> => import('./error-state.js');

/** The error panel: the full one when its part has arrived, else the plain one. */
export function renderErrorPanel(part: ErrorPanelPart, o: ErrorStateOptions): TemplateResult {
  return part.need()?.renderErrorState(o) ?? renderPlainError(o);
}

/** The panel without its module: plain text, the same part name, role and actions. Everything from the wire is text. */
export function renderPlainError(o: ErrorStateOptions): TemplateResult {
  return html`<div class="tt-error-state tt-error-plain ${o.className ?? ''}" part=${o.part ?? 'error'} role="alert">
    <strong>Could not load ${o.what}</strong>
    <p>${o.reason ?? 'unknown error'}</p>
    ${o.address ? html`<p>Address: <code>${o.address}</code></p>` : nothing}
    <p>
      <button type="button" class="primary" @click=${() => o.retry()}>Retry</button>
      ${o.settingsHref ? html`<a href=${o.settingsHref} part="settings-link">Change the backend address in Settings</a>` : nothing}
    </p>
  </div>`;
}
