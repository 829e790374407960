import { LitElement, css, html, isServer, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { provide } from '@lit/context';
import type { Subscription } from 'rxjs';
import { hubContext, settingsContext, type Settings } from '../../streams/context.js';
import { createHub, getDefaultHub } from '../../streams/hub.js';
import { pageSettings$ } from '../../streams/settings-store.js';
import type { HubLike } from '../../streams/types.js';
import type { SettingsChangeEvent } from '../settings-panel/settings-panel.events.js';

/**
 * Configures a subtree: provides a hub and settings to every Telltale element inside it.
 * By default the settings follow the page's settings store; with `local-settings` the
 * subtree keeps its own (a `<settings-panel>` inside then changes only this subtree).
 *
 * @summary Provides a hub and settings to a subtree.
 * @slot - The configured subtree.
 */
export class TelltaleProvider extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** The hub for the subtree (default: the page's hub). */
  @provide({ context: hubContext })
  @property({ attribute: false })
  hub: HubLike = getDefaultHub();

  /** The settings for the subtree (default: the page's, followed live). */
  @provide({ context: settingsContext })
  @property({ attribute: false })
  settings: Settings = pageSettings$.value;

  /**
   * `off`: the subtree gets its own hub that does not share connections with other tabs
   * (only when no `hub` was given).
   */
  @property({ attribute: 'cross-tab' }) crossTab: 'on' | 'off' = 'on';

  /** Keep this subtree's settings apart from the page's. */
  @property({ type: Boolean, attribute: 'local-settings' }) localSettings = false;

  private sub?: Subscription;

  constructor() {
    super();
    this.addEventListener('settings-change', (e: SettingsChangeEvent) => {
      if (!this.localSettings) return;
      e.preventDefault();
      this.settings = { ...this.settings, ...e.detail.patch };
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.follow();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.sub?.unsubscribe();
    this.sub = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('crossTab') && this.crossTab === 'off' && this.hub === getDefaultHub()) this.hub = createHub();
    if (changed.has('localSettings')) this.follow();
    if (isServer) return; // no style object to set under server-side rendering
    if (this.localSettings) this.style.colorScheme = this.settings.theme === 'system' ? 'light dark' : this.settings.theme;
    else this.style.removeProperty('color-scheme');
  }

  private follow(): void {
    this.sub?.unsubscribe();
    this.sub = undefined;
    if (!this.isConnected || this.localSettings) return;
    this.sub = pageSettings$.subscribe((s) => (this.settings = s));
  }

  override render() {
    return html`<slot></slot>`;
  }
}
