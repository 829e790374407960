import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { AUTO_REFRESH_CHOICES, THEMES, type Settings, type Theme } from '../../streams/context.js';
import { applyTheme, resolveBaseUrl, updatePageSettings } from '../../streams/settings-store.js';
import { controls, tokens } from '../../styles/tokens.js';
import { TelltaleElement } from '../shared/telltale-element.js';
import { SettingsChangeEvent } from './settings-panel.events.js';
import { styles } from './settings-panel.styles.js';
import { validateBaseUrl } from './validate-url.js';

const THEME_LABELS: Record<Theme, string> = { light: 'Light', dark: 'Dark', system: 'System default' };

export function autoRefreshLabel(ms: number): string {
  return ms === 0 ? 'Off' : `Every ${ms / 1000} s`;
}

/**
 * The settings page: auto-refresh interval, backend address, access token and theme. No save
 * button: a change applies at once (through the page's settings store, which every Telltale
 * element and `<telltale-provider>` follows) and is remembered across reloads (localStorage).
 * An invalid address is shown as an inline error and not applied. The token (for a server
 * started with `--token`) is typed into a password field that is emptied once it applies:
 * it is never shown again, only whether one is set; the page's hub sends it as
 * `Authorization: Bearer` to the backend address and reconnects with it.
 *
 * @summary Auto-refresh, backend address, access token and theme, applied live.
 *
 * @event settings-change - A setting changed (detail `{settings, patch}`); cancelable (a local provider takes it).
 *
 * @csspart panel - The settings list.
 * @csspart auto-refresh - The auto-refresh select.
 * @csspart base-url - The backend address input.
 * @csspart token - The access token input (a password field).
 * @csspart token-forget - The button that forgets the token.
 * @csspart theme - The theme select.
 *
 * @cssproperty --settings-panel-max-width - Maximum width (default 720px).
 * @cssproperty --settings-panel-background - Background of the list.
 */
export class SettingsPanel extends TelltaleElement {
  static override styles = [tokens, controls, styles];

  /** The address being typed, while it differs from the applied one. */
  @state() private draft: string | null = null;
  @state() private urlError: string | null = null;
  @state() private tokenError: string | null = null;
  @state() private notice = '';
  private noticeTimer?: ReturnType<typeof setTimeout>;

  override connectedCallback(): void {
    super.connectedCallback();
    // The remembered theme takes effect as soon as a settings panel exists, provider or not.
    if (!this.contextSettings) applyTheme(this.settings.theme);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.noticeTimer);
  }

  private apply(patch: Partial<Settings>, what: string): void {
    const next: Settings = { ...this.settings, ...patch };
    const ev = new SettingsChangeEvent({ settings: next, patch });
    if (this.dispatchEvent(ev)) {
      updatePageSettings(patch);
      if (patch.theme) applyTheme(patch.theme);
    }
    this.notice = `${what} applied`;
    clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => (this.notice = ''), 2500);
  }

  private onUrlInput(e: Event): void {
    const v = (e.target as HTMLInputElement).value;
    this.draft = v;
    const r = validateBaseUrl(v);
    this.urlError = r.ok ? null : r.error;
  }

  private onUrlChange(e: Event): void {
    const v = (e.target as HTMLInputElement).value;
    const r = validateBaseUrl(v);
    if (!r.ok) {
      this.urlError = r.error;
      return;
    }
    this.urlError = null;
    this.draft = null;
    if (r.value !== this.settings.baseUrl) this.apply({ baseUrl: r.value }, 'Backend address');
  }

  private onTokenChange(e: Event): void {
    const input = e.target as HTMLInputElement;
    const v = input.value.trim();
    if (!v) return;
    if (/\s/.test(v)) {
      this.tokenError = 'A token has no spaces or line breaks: paste only the token.';
      return;
    }
    this.tokenError = null;
    // Emptied at once: the token is never shown again, not even as dots.
    input.value = '';
    this.apply({ token: v }, 'Access token');
  }

  private renderToken(token: string) {
    return html`<div class="row">
      <div>
        <label class="name" for="token">Access token</label>
        <p class="help" id="token-help">For a server started with <code>--token</code> (<code>telltale relay</code>). Sent as <code>Authorization: Bearer</code> to the backend address only.</p>
      </div>
      <div class="control">
        <div class="inline">
          <input
            id="token"
            part="token"
            type="password"
            autocomplete="off"
            spellcheck="false"
            placeholder=${token ? 'A token is set: type a new one to replace it' : 'Paste the token, then Enter'}
            aria-describedby=${this.tokenError ? 'token-help token-error' : 'token-help token-state'}
            aria-invalid=${this.tokenError ? 'true' : 'false'}
            @change=${this.onTokenChange}
            @input=${() => (this.tokenError = null)}
          />
          ${token ? html`<button type="button" part="token-forget" @click=${() => this.apply({ token: '' }, 'Access token removal')}>Forget</button>` : nothing}
        </div>
        ${this.tokenError
          ? html`<span class="error" id="token-error" role="alert">${this.tokenError}</span>`
          : html`<span class="effective" id="token-state">${token ? 'A token is set (hidden).' : 'No token set.'}</span>`}
      </div>
    </div>`;
  }

  override render() {
    const s = this.settings;
    const origin = globalThis.location?.origin ?? '';
    const choices: number[] = [...AUTO_REFRESH_CHOICES];
    if (!choices.includes(s.autoRefreshMs)) choices.push(s.autoRefreshMs);
    return html`<div class="panel" part="panel" role="group" aria-label="Settings">
      <div class="row">
        <div>
          <label class="name" for="refresh">Auto-refresh interval</label>
          <p class="help" id="refresh-help">How often lists such as the rollouts reload by themselves.</p>
        </div>
        <div class="control">
          <select
            id="refresh"
            part="auto-refresh"
            aria-describedby="refresh-help"
            @change=${(e: Event) => this.apply({ autoRefreshMs: Number((e.target as HTMLSelectElement).value) }, 'Auto-refresh')}
          >
            ${choices.map((ms) => html`<option value=${ms} ?selected=${ms === s.autoRefreshMs}>${autoRefreshLabel(ms)}</option>`)}
          </select>
        </div>
      </div>
      <div class="row">
        <div>
          <label class="name" for="base-url">Backend address</label>
          <p class="help" id="base-help">The server to read from. Empty means this page’s origin (${origin}).</p>
        </div>
        <div class="control">
          <input
            id="base-url"
            part="base-url"
            type="url"
            inputmode="url"
            autocomplete="url"
            spellcheck="false"
            placeholder=${origin}
            aria-describedby=${this.urlError ? 'base-help base-error' : 'base-help base-effective'}
            aria-invalid=${this.urlError ? 'true' : 'false'}
            .value=${this.draft ?? s.baseUrl}
            @input=${this.onUrlInput}
            @change=${this.onUrlChange}
          />
          ${this.urlError
            ? html`<span class="error" id="base-error" role="alert">${this.urlError}</span>`
            : html`<span class="effective" id="base-effective">In use: ${resolveBaseUrl(s.baseUrl)}</span>`}
        </div>
      </div>
      ${this.renderToken(s.token ?? '')}
      <div class="row">
        <div>
          <label class="name" for="theme">Theme</label>
          <p class="help" id="theme-help">System default follows your operating system.</p>
        </div>
        <div class="control">
          <select id="theme" part="theme" aria-describedby="theme-help" @change=${(e: Event) => this.apply({ theme: (e.target as HTMLSelectElement).value as Theme }, 'Theme')}>
            ${THEMES.map((t) => html`<option value=${t} ?selected=${t === s.theme}>${THEME_LABELS[t]}</option>`)}
          </select>
        </div>
      </div>
    </div>
    <div class="saved" role="status">${this.notice || nothing}</div>`;
  }
}
