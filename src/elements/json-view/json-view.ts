import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { controls, tokens } from '../../styles/tokens.js';
import { safeJson } from '../shared/format.js';
import { JsonCopyEvent } from './json-view.events.js';
import { styles } from './json-view.styles.js';
import { tokenizeJson, type JsonToken } from './json-tokens.js';


/**
 * Pretty-printed, syntax-highlighted JSON with a Copy button. Rendered as text tokens (no
 * innerHTML), no network access: it works offline.
 *
 * @summary Read-only JSON viewer with highlighting and copy.
 *
 * @event json-copy - The JSON text was copied (detail: `{text, ok}`).
 *
 * @csspart code - The `<pre>` holding the JSON.
 * @csspart copy - The Copy button.
 *
 * @cssproperty --json-view-background - Background of the code block.
 * @cssproperty --json-view-key-color - Colour of object keys.
 * @cssproperty --json-view-string-color - Colour of strings.
 * @cssproperty --json-view-number-color - Colour of numbers.
 * @cssproperty --json-view-literal-color - Colour of true, false and null.
 * @cssproperty --json-view-punct-color - Colour of punctuation.
 * @cssproperty --json-view-font-size - Font size of the code.
 * @cssproperty --json-view-max-height - Scroll beyond this height.
 */
export class JsonView extends LitElement {
  static override styles = [tokens, controls, styles];

  /** The value to show (any JSON-able value). */
  @property({ attribute: false }) value: unknown = undefined;

  /** Alternatively, JSON text; shown pretty-printed when it parses, as is otherwise. */
  @property() text: string | null = null;

  /** Accessible name of the code region. */
  @property() label = 'JSON';

  /** Wrap long lines. */
  @property({ type: Boolean, reflect: true }) wrap = false;

  @state() private copied: 'ok' | 'failed' | null = null;

  private pretty = '';
  private tokens: JsonToken[] = [];
  private copiedTimer?: ReturnType<typeof setTimeout>;

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('value') || changed.has('text')) {
      if (this.text != null) {
        try {
          this.pretty = JSON.stringify(JSON.parse(this.text), null, 2);
        } catch {
          this.pretty = this.text;
        }
      } else this.pretty = this.value === undefined ? '' : safeJson(this.value, 2);
      this.tokens = tokenizeJson(this.pretty);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.copiedTimer);
  }

  /** The pretty-printed text (what Copy puts on the clipboard). */
  get prettyText(): string {
    return this.pretty;
  }

  async copy(): Promise<boolean> {
    let ok = false;
    try {
      await navigator.clipboard.writeText(this.pretty);
      ok = true;
    } catch {
      // Clipboard API refused (permissions, insecure context): fall back to a selection copy.
      const ta = document.createElement('textarea');
      ta.value = this.pretty;
      ta.setAttribute('readonly', '');
      ta.style.cssText = 'position:fixed;opacity:0;pointer-events:none';
      this.renderRoot.appendChild(ta);
      ta.select();
      try {
        ok = document.execCommand('copy');
      } catch {
        ok = false;
      }
      ta.remove();
    }
    this.copied = ok ? 'ok' : 'failed';
    clearTimeout(this.copiedTimer);
    this.copiedTimer = setTimeout(() => (this.copied = null), 2000);
    this.dispatchEvent(new JsonCopyEvent({ text: this.pretty, ok }));
    return ok;
  }

  override render() {
    return html`
      <div class="toolbar">
        <span class="copied" role="status">${this.copied === 'ok' ? 'Copied' : this.copied === 'failed' ? 'Copy failed' : nothing}</span>
        <button part="copy" type="button" @click=${() => this.copy()}>Copy</button>
      </div>
      <pre part="code" tabindex="0" role="region" aria-label=${this.label}><code>${this.tokens.map((t) =>
        t.kind === 'space' ? t.text : html`<span class=${t.kind}>${t.text}</span>`,
      )}</code></pre>
    `;
  }
}
