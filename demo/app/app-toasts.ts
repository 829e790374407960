/**
 * Toasts: errors and notices, dismissed by time or hand. Announced through two persistent live
 * regions (alert for errors, status for the rest) whose text is set once per toast, not by the
 * toasts themselves; a toast whose news another live region already announces (the sidebar's
 * connection indicator) passes `announce: false`, so a screen reader hears it once.
 */
import { LitElement, css, html } from 'lit';
import { state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { tokens, controls } from '../../src/styles/tokens.js';
import { ICONS } from './icons.js';

export interface Toast {
  id: number;
  tone: 'error' | 'ok' | 'info' | 'warn';
  title: string;
  message?: string;
  /** Say it through the toasts' live regions (default true). */
  announce?: boolean;
}

let nextId = 1;

export class AppToasts extends LitElement {
  static override styles = [
    tokens,
    controls,
    css`
      :host {
        position: fixed;
        inset: auto var(--_tt-space-4) var(--_tt-space-4) auto;
        z-index: 50;
        display: flex;
        flex-direction: column;
        gap: var(--_tt-space-2);
        width: min(380px, calc(100vw - 32px));
        pointer-events: none;
      }
      .toast {
        pointer-events: auto;
        display: grid;
        grid-template-columns: 4px 1fr auto;
        gap: var(--_tt-space-3);
        padding: var(--_tt-space-3);
        padding-inline-start: 0;
        border: 1px solid var(--_tt-border);
        border-radius: var(--_tt-radius);
        background: var(--_tt-bg);
        box-shadow: 0 8px 24px rgb(0 0 0 / 0.22);
        animation: pop 0.16s ease-out;
      }
      @keyframes pop { from { transform: translateY(8px); opacity: 0; } }
      .stripe { border-radius: 0 4px 4px 0; background: var(--_tt-info); }
      .toast[data-tone='error'] .stripe { background: var(--_tt-error); }
      .toast[data-tone='ok'] .stripe { background: var(--_tt-ok); }
      .toast[data-tone='warn'] .stripe { background: var(--_tt-warn); }
      strong { display: block; font-weight: 650; }
      p { margin: 2px 0 0; color: var(--_tt-text-dim); font-size: var(--_tt-font-size-sm); overflow-wrap: anywhere; }
      button { border: 0; background: transparent; padding: 2px; min-height: 24px; align-self: start; }
      button svg { width: 16px; height: 16px; }
    `,
  ];

  @state() private toasts: Toast[] = [];
  @state() private alertText = '';
  @state() private statusText = '';

  show(t: Omit<Toast, 'id'>, ms = t.tone === 'error' ? 10000 : 5000): number {
    const toast = { ...t, id: nextId++ };
    this.toasts = [...this.toasts.slice(-3), toast];
    if (t.announce !== false) {
      const text = t.message ? `${t.title}. ${t.message}` : t.title;
      if (t.tone === 'error') this.alertText = text;
      else this.statusText = text;
    }
    setTimeout(() => this.dismiss(toast.id), ms);
    return toast.id;
  }

  dismiss(id: number): void {
    this.toasts = this.toasts.filter((t) => t.id !== id);
  }

  protected override render() {
    return html`<div class="visually-hidden" role="alert">${this.alertText}</div>
      <div class="visually-hidden" role="status">${this.statusText}</div>
      <div role="region" aria-label="Notifications">
      ${repeat(
        this.toasts,
        (t) => t.id,
        (t) => html`<div class="toast" data-tone=${t.tone}>
          <span class="stripe" aria-hidden="true"></span>
          <div><strong>${t.title}</strong>${t.message ? html`<p>${t.message}</p>` : ''}</div>
          <button aria-label="Dismiss notification" @click=${() => this.dismiss(t.id)}>${ICONS.close}</button>
        </div>`,
      )}
    </div>`;
  }
}

if (!customElements.get('app-toasts')) customElements.define('app-toasts', AppToasts);
declare global {
  interface HTMLElementTagNameMap {
    'app-toasts': AppToasts;
  }
}
