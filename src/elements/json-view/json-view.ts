import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { controls, tokens } from '../../styles/tokens.js';
import { FixedWindowController, renderWindow } from '../shared/window/index.js';
import { JsonCopyEvent } from './json-view.events.js';
import { styles } from './json-view.styles.js';
import { jsonLines, linesLength, linesText, tokenizeJson, type JsonLine, type JsonToken } from './json-tokens.js';

/** Containers nested deeper than this are shown as a marker (Copy still gives them). */
export const MAX_DEPTH = 1000;
/** Documents with more lines than this show only the lines in view (a fixed-height window). */
export const WINDOW_LINES = 1500;
/** Lines deeper than this are indented as deep as this, with a label giving their depth. */
const INDENT_LEVELS = 32;
/** The indentation before a depth label (the label is 8 columns wide). */
const DEEP_PAD = ' '.repeat(INDENT_LEVELS * 2 - 8);
/** Copy indents the JSON unless that makes it longer than this; then it copies compact JSON. */
const PRETTY_COPY_LIMIT = 32_000_000;

interface Doc {
  lines: JsonLine[];
  /** Text that did not parse as JSON, shown as is. */
  raw: string | null;
  /** The value shown (the parsed text in text mode). */
  value: unknown;
  circular: number;
  truncated: number;
  unreadable: number;
}

const EMPTY: Doc = { lines: [], raw: null, value: undefined, circular: 0, truncated: 0, unreadable: 0 };

/**
 * Pretty-printed, syntax-highlighted JSON with a Copy button. Rendered as text tokens (no
 * innerHTML), no network access: it works offline.
 *
 * Any value can be given: it is printed in one pass without recursion, strings of any length
 * as one token. A reference to an enclosing object shows as `[Circular]`, containers nested
 * deeper than 1,000 levels as `… nested deeper than 1,000 levels` (the rest is still shown),
 * and a document longer than 1,500 lines shows only the lines in view (scroll for the rest;
 * lines do not wrap then). Lines deeper than 32 levels are indented 32 levels, with their depth
 * in a label. Copy always copies the whole value as JSON: indented, or compact
 * when indenting would make it too large, with `"[Circular]"` strings for circular references;
 * the status text says when it did either.
 *
 * @summary Read-only JSON viewer with highlighting and copy.
 *
 * @event json-copy - The JSON text was copied (detail: `{text, ok}`).
 *
 * @csspart code - The scrollable block holding the JSON (a `<pre>`, or a `<div>` of lines when windowed).
 * @csspart copy - The Copy button.
 * @csspart note - The note under the code saying what is not shown as is (circular, too deep, windowed).
 *
 * @cssproperty --json-view-background - Background of the code block.
 * @cssproperty --json-view-key-color - Colour of object keys.
 * @cssproperty --json-view-string-color - Colour of strings.
 * @cssproperty --json-view-number-color - Colour of numbers.
 * @cssproperty --json-view-literal-color - Colour of true, false and null.
 * @cssproperty --json-view-punct-color - Colour of punctuation.
 * @cssproperty --json-view-marker-color - Colour of the `[Circular]` and too-deep markers.
 * @cssproperty --json-view-font-size - Font size of the code.
 * @cssproperty --json-view-max-height - Scroll beyond this height.
 * @cssproperty --json-view-window-height - Height of the code block when the document is windowed (default 32rem, capped by the max height).
 */
export class JsonView extends LitElement {
  static override styles = [tokens, controls, styles];

  /** The value to show (any JSON-able value). */
  @property({ attribute: false }) value: unknown = undefined;

  /** Alternatively, JSON text; shown pretty-printed when it parses, as is otherwise. */
  @property() text: string | null = null;

  /** Accessible name of the code region. */
  @property() label = 'JSON';

  /** Wrap long lines (not when the document is windowed). */
  @property({ type: Boolean, reflect: true }) wrap = false;

  @state() private copied: { ok: boolean; note: string } | null = null;

  private doc: Doc = EMPTY;
  private copyText: { text: string; note: string } | null = null;
  private copiedTimer?: ReturnType<typeof setTimeout>;
  private readonly pads: string[] = [];
  private lineHeight = 19.5;
  private measured = false;
  private readonly win = new FixedWindowController(this, () => ({ length: this.doc.lines.length, rowHeight: this.lineHeight, overscan: 8 }));

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('value') || changed.has('text')) {
      this.doc = this.build();
      this.copyText = null;
      this.win.scrollTop = 0;
    }
  }

  private build(): Doc {
    if (this.text != null) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(this.text);
      } catch {
        return { ...EMPTY, lines: tokenizeJson(this.text), raw: this.text };
      }
      return this.fromValue(parsed);
    }
    return this.value === undefined ? EMPTY : this.fromValue(this.value);
  }

  private fromValue(value: unknown): Doc {
    const printed = jsonLines(value, { maxDepth: MAX_DEPTH });
    if (printed.lines.length === 0) {
      // Nothing JSON can print (a function, a symbol): show what it is, as text.
      let s: string;
      try {
        s = String(value);
      } catch {
        s = typeof value;
      }
      return { ...EMPTY, lines: tokenizeJson(s), raw: s, value };
    }
    return { lines: printed.lines, raw: null, value, circular: printed.circular, truncated: printed.truncated, unreadable: printed.unreadable };
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.copiedTimer);
  }

  /** The pretty-printed text (what Copy puts on the clipboard). */
  get prettyText(): string {
    return this.copyable().text;
  }

  /** The text Copy gives, and what the user should be told about it; built on first use. */
  private copyable(): { text: string; note: string } {
    if (this.copyText) return this.copyText;
    const d = this.doc;
    if (d.raw != null) this.copyText = { text: d.raw, note: '' };
    else if (d.lines.length === 0) this.copyText = { text: '', note: '' };
    else if (!d.circular && !d.truncated && !d.unreadable) this.copyText = { text: linesText({ lines: d.lines, indent: 2, circular: 0, truncated: 0, unreadable: 0 }), note: '' };
    else {
      let full = jsonLines(d.value, { markersAsStrings: true });
      const notes: string[] = [];
      if (full.circular) notes.push('circular references as "[Circular]"');
      if (full.unreadable) notes.push('unreadable values as "[Unreadable: …]"');
      if (linesLength(full) > PRETTY_COPY_LIMIT) {
        full = jsonLines(d.value, { markersAsStrings: true, indent: 0 });
        notes.push('on one line: too large to indent');
      }
      this.copyText = { text: linesText(full), note: notes.join('; ') };
    }
    return this.copyText;
  }

  async copy(): Promise<boolean> {
    const { text, note } = this.copyable();
    let ok = false;
    try {
      await navigator.clipboard.writeText(text);
      ok = true;
    } catch {
      // Clipboard API refused (permissions, insecure context): fall back to a selection copy.
      const ta = document.createElement('textarea');
      ta.value = text;
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
    this.copied = { ok, note: ok ? note : '' };
    clearTimeout(this.copiedTimer);
    this.copiedTimer = setTimeout(() => (this.copied = null), ok && note ? 5000 : 2000);
    this.dispatchEvent(new JsonCopyEvent({ text, ok }));
    return ok;
  }

  private get windowed(): boolean {
    return this.doc.lines.length > WINDOW_LINES;
  }

  protected override updated(): void {
    const scroller = this.windowed ? this.renderRoot.querySelector<HTMLElement>('.windowed') : null;
    this.win.attach(scroller);
    if (!scroller) return;
    if (!this.measured) {
      // One layout read when a document is first windowed and shown: the real line height.
      const h = scroller.querySelector('.line')?.getBoundingClientRect().height ?? 0;
      if (h > 0) {
        this.measured = true;
        if (Math.abs(h - this.lineHeight) > 0.01) {
          this.lineHeight = h;
          this.requestUpdate();
        }
      }
    }
    this.win.apply();
  }

  /**
   * Indentation of a line. Beyond INDENT_LEVELS levels the indentation stops growing (a line
   * 1,000 levels deep would start 2,000 columns to the right, out of sight) and a dim label
   * gives the depth instead.
   */
  private pad(depth: number): string | TemplateResult {
    if (depth <= INDENT_LEVELS) return depth === 0 ? '' : (this.pads[depth] ??= ' '.repeat(depth * 2));
    return html`${DEEP_PAD}<span class="depth" title="Nesting depth">${String(depth).padStart(6)}▸ </span>`;
  }

  private renderToken = (t: JsonToken): TemplateResult | string =>
    t.kind === 'space' || t.kind === 'text' ? t.text : html`<span class=${t.kind}>${t.text}</span>`;

  private renderNote() {
    const d = this.doc;
    const parts: string[] = [];
    if (d.circular) parts.push(`${d.circular === 1 ? 'A reference' : `${d.circular.toLocaleString('en-US')} references`} to an enclosing object ${d.circular === 1 ? 'is' : 'are'} shown as [Circular].`);
    if (d.truncated) parts.push(`Values nested deeper than ${MAX_DEPTH.toLocaleString('en-US')} levels are not shown; Copy includes them.`);
    if (d.unreadable) parts.push('Some values could not be read.');
    if (this.windowed) parts.push(`${d.lines.length.toLocaleString('en-US')} lines: scroll to see them all.`);
    return parts.length ? html`<p class="note" part="note">${parts.join(' ')}</p>` : nothing;
  }

  override render() {
    const lines = this.doc.lines;
    const status = this.copied ? (this.copied.ok ? `Copied${this.copied.note ? ` (${this.copied.note})` : ''}` : 'Copy failed') : '';
    const code = this.windowed
      ? html`<div part="code" class="code windowed" tabindex="0" role="region" aria-label=${this.label}>${renderWindow(
          lines.length,
          this.lineHeight,
          this.win.range(),
          (i) => html`<div class="line">${this.pad(lines[i].depth)}${lines[i].tokens.map(this.renderToken)}</div>`,
          { spacer: 'spacer', rows: 'rows' },
        )}</div>`
      : html`<pre part="code" class="code" tabindex="0" role="region" aria-label=${this.label}><code>${lines.map(
          (l, i) => html`${i ? '\n' : ''}${this.pad(l.depth)}${l.tokens.map(this.renderToken)}`,
        )}</code></pre>`;
    return html`
      <div class="toolbar">
        <span class="copied" role="status" ?data-failed=${this.copied?.ok === false}>${status}</span>
        <button part="copy" type="button" @click=${() => this.copy()}>Copy</button>
      </div>
      <div class="frame">${code}${this.renderNote()}</div>
    `;
  }
}
