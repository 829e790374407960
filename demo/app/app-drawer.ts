/**
 * The dashboard's one right-side drawer: a modal <dialog>, so focus stays inside while it is
 * open (the rest of the page is inert), Esc closes it, and it is labelled by its heading.
 * Content is slotted; the shell swaps it by drawer type.
 */
import { LitElement, css, html } from 'lit';
import { property, query } from 'lit/decorators.js';
import { tokens, controls } from '../../src/styles/tokens.js';
import { ICONS } from './icons.js';

export class AppDrawer extends LitElement {
  static override styles = [
    tokens,
    controls,
    css`
      dialog {
        position: fixed;
        inset: 0 0 0 auto;
        margin: 0;
        height: 100dvh;
        max-height: none;
        width: min(var(--app-drawer-width, 680px), 100vw);
        max-width: 100vw;
        padding: 0;
        border: 0;
        border-inline-start: 1px solid var(--_tt-border);
        background: var(--_tt-bg);
        color: var(--_tt-text);
        box-shadow: -12px 0 32px rgb(0 0 0 / 0.25);
        display: flex;
        flex-direction: column;
      }
      dialog:not([open]) { display: none; }
      dialog[open] { animation: slide 0.16s ease-out; }
      @keyframes slide { from { transform: translateX(40px); opacity: 0; } }
      @media (prefers-reduced-motion: reduce) { dialog[open] { animation: none; } }
      dialog::backdrop { background: rgb(0 0 0 / 0.45); }
      header {
        display: flex;
        align-items: center;
        gap: var(--_tt-space-3);
        padding: var(--_tt-space-3) var(--_tt-space-4);
        border-bottom: 1px solid var(--_tt-border);
      }
      h2 { margin: 0; font-size: 1.05rem; font-weight: 650; flex: 1; min-width: 0; overflow-wrap: anywhere; }
      .close { border: 0; background: transparent; padding: 4px; min-height: 32px; width: 32px; justify-content: center; }
      .close:hover { background: var(--_tt-surface-2); }
      .body { flex: 1; overflow: auto; padding: var(--_tt-space-4); }
    `,
  ];

  @property() heading = '';
  @property({ type: Boolean, reflect: true }) open = false;
  @query('dialog') private dialog!: HTMLDialogElement;

  protected override render() {
    return html`<dialog
      part="dialog"
      aria-labelledby="title"
      @close=${this.onClose}
      @click=${(e: MouseEvent) => {
        // A click on the backdrop lands on the dialog itself, outside its box.
        if (e.target !== this.dialog) return;
        const r = this.dialog.getBoundingClientRect();
        if (e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom) this.hide();
      }}
    >
      <header>
        <h2 id="title">${this.heading}</h2>
        <slot name="actions"></slot>
        <button class="close" aria-label="Close drawer" @click=${() => this.hide()}>${ICONS.close}</button>
      </header>
      <div class="body"><slot></slot></div>
    </dialog>`;
  }

  protected override updated(): void {
    if (this.open && !this.dialog.open) this.dialog.showModal();
    else if (!this.open && this.dialog.open) this.dialog.close();
  }

  hide(): void {
    this.open = false;
  }

  private onClose = () => {
    if (this.open) this.open = false;
    this.dispatchEvent(new Event('drawer-close', { bubbles: true, composed: true }));
  };
}

if (!customElements.get('app-drawer')) customElements.define('app-drawer', AppDrawer);
declare global {
  interface HTMLElementTagNameMap {
    'app-drawer': AppDrawer;
  }
}
