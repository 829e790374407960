import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/elements/json-view/json-view.define.js';
import { MAX_DEPTH, WINDOW_LINES, type JsonView } from '../../src/elements/json-view/json-view.js';
import { createSandbox, type Sandbox } from '../helpers/server.js';

const SCRIPT = '<script>window.__pwned=(window.__pwned||0)+1</script>';
const IMG = '<img src=x onerror="window.__pwned=(window.__pwned||0)+1">';

const sandboxes: Sandbox[] = [];
afterEach(async () => {
  document.documentElement.style.colorScheme = '';
  (window as { __pwned?: number }).__pwned = undefined;
  await Promise.all(sandboxes.splice(0).map((s) => s.dispose()));
});

const code = (el: JsonView) => el.shadowRoot!.querySelector<HTMLElement>('[part="code"]')!;
const text = (el: JsonView) => code(el).textContent!;
const spans = (el: JsonView, cls: string) => [...el.shadowRoot!.querySelectorAll(`.${cls}`)].map((s) => s.textContent);
const frame = () => new Promise((r) => requestAnimationFrame(r));
const status = (el: JsonView) => el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();

function deep(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = { nested: v };
  return v;
}

/** Copy through the element's own button, with a clipboard we can read. */
async function copyWithButton(el: JsonView): Promise<{ text: string; ok: boolean }> {
  let written: string | null = null;
  Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (t: string) => void (written = t) } });
  try {
    setTimeout(() => el.shadowRoot!.querySelector<HTMLButtonElement>('[part="copy"]')!.click());
    const ev = await oneEvent(el, 'json-copy');
    expect(written).to.equal(ev.detail.text);
    await el.updateComplete;
    return ev.detail;
  } finally {
    delete (navigator as unknown as Record<string, unknown>).clipboard; // the prototype's getter again
  }
}

describe('<json-view>', () => {
  it('prints a value exactly as JSON.stringify(value, null, 2) does, with keys, strings, numbers and literals highlighted', async () => {
    const value = { id: 'ro-1', n: 42, ok: true, none: null, list: [1.5, -2e-7, 'two', false], empty: {}, nothing: [], skip: undefined, when: new Date(0) };
    const el = await fixture<JsonView>(html`<json-view .value=${value}></json-view>`);
    expect(text(el)).to.equal(JSON.stringify(value, null, 2));
    expect(spans(el, 'key')).to.include.members(['"id"', '"n"', '"list"', '"when"']);
    expect(spans(el, 'key')).not.to.include('"skip"');
    expect(spans(el, 'string')).to.include.members(['"ro-1"', '"two"', '"1970-01-01T00:00:00.000Z"']);
    expect(spans(el, 'number')).to.include.members(['42', '1.5', '-2e-7']);
    expect(spans(el, 'boolean')).to.deep.equal(['true', 'false']);
    expect(spans(el, 'null')).to.deep.equal(['null']);
    // Colours differ per kind (what a reader sees).
    const colour = (cls: string) => getComputedStyle(el.shadowRoot!.querySelector(`.${cls}`)!).color;
    expect(new Set([colour('key'), colour('string'), colour('number'), colour('boolean')]).size).to.equal(4);
  });

  it('pretty-prints JSON text, and shows text that is not JSON as it is, highlighting what it can', async () => {
    const el = await fixture<JsonView>(html`<json-view text='{"detail":"Invalid sort_by: duration","ok":false,"n":null}'></json-view>`);
    expect(text(el)).to.equal('{\n  "detail": "Invalid sort_by: duration",\n  "ok": false,\n  "n": null\n}');
    el.text = '{"a": 1, "b": <html>not json</html>\n  "c": tru';
    await el.updateComplete;
    expect(text(el)).to.equal('{"a": 1, "b": <html>not json</html>\n  "c": tru');
    expect(spans(el, 'key')).to.deep.equal(['"a"', '"b"', '"c"']);
    expect(el.prettyText).to.equal(el.text);
  });

  it('shows JSON the reference server sends, as text', async () => {
    const sb = await createSandbox({ paused: true, seed: 3, warmupMs: 0 });
    sandboxes.push(sb);
    const body = await (await fetch(`${sb.url}/v1/agl/rollouts?limit=3`)).text();
    const el = await fixture<JsonView>(html`<json-view .text=${body}></json-view>`);
    expect(JSON.parse(text(el))).to.deep.equal(JSON.parse(body));
    expect(text(el)).to.equal(JSON.stringify(JSON.parse(body), null, 2));
  });

  it('shows a 100,000-character string quickly, completely, as one text node', async () => {
    const long = 'x'.repeat(99_990) + '<end>';
    const el = await fixture<JsonView>(html`<json-view></json-view>`);
    let t0 = performance.now();
    el.value = { line: long };
    await el.updateComplete;
    await frame();
    const valueMs = performance.now() - t0;
    expect(text(el)).to.contain(JSON.stringify(long));
    const str = el.shadowRoot!.querySelector('.string')!;
    const textNodes = [...str.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE);
    expect(textNodes.length, 'one text node, not one per character').to.equal(1);
    expect(str.textContent!.length).to.equal(long.length + 2);

    t0 = performance.now();
    el.value = undefined;
    el.text = long;
    await el.updateComplete;
    await frame();
    const textMs = performance.now() - t0;
    expect(text(el)).to.equal(long);
    expect(el.shadowRoot!.querySelectorAll('span').length, 'not one element per character').to.be.below(10);
    console.log(`json-view: 100,000-char string as a value ${Math.round(valueMs)} ms, as text ${Math.round(textMs)} ms`);
    expect(valueMs).to.be.below(1000);
    expect(textMs).to.be.below(1000);
  });

  it('shows 5,000-deep nesting to 1,000 levels with a visible marker, the rest of the document too, and copies all of it', async () => {
    const value = { before: 'first', deep: deep(5000), after: 'last' };
    const el = await fixture<JsonView>(html`<json-view style="--json-view-window-height: 400px"></json-view>`);
    const t0 = performance.now();
    el.value = value;
    await el.updateComplete;
    await frame();
    const ms = performance.now() - t0;
    console.log(`json-view: 5,000-deep value ${Math.round(ms)} ms`);
    expect(ms).to.be.below(1000);
    // More than WINDOW_LINES lines: only the lines in view are in the DOM.
    expect(code(el).classList.contains('windowed')).to.equal(true);
    expect(el.shadowRoot!.querySelectorAll('.line').length).to.be.below(80);
    expect(text(el)).to.contain('"before": "first"');
    expect(el.shadowRoot!.querySelector('[part="note"]')!.textContent).to.match(/nested deeper than 1,000 levels/);
    // Scroll to the middle: the marker; to the end: the rest of the document.
    const scroller = code(el);
    const lineH = el.shadowRoot!.querySelector('.line')!.getBoundingClientRect().height;
    scroller.scrollTop = (MAX_DEPTH + 1) * lineH - 100;
    await waitUntil(() => spans(el, 'marker').length > 0, 'marker in view after scrolling');
    expect(spans(el, 'marker')).to.deep.equal(['… nested deeper than 1,000 levels']);
    scroller.scrollTop = scroller.scrollHeight;
    await waitUntil(() => text(el).includes('"after": "last"'), 'end of the document in view');
    // Keyboard: the scroller is focusable and labelled.
    expect(scroller.tabIndex).to.equal(0);
    expect(scroller.getAttribute('aria-label')).to.equal('JSON');

    // Copy gives the whole value, every level, exactly: indented it would be 50 MB of spaces,
    // so it is compact JSON, and the status says so. (Strings compared as booleans: a failing
    // diff of megabytes would swamp the runner.)
    const copied = await copyWithButton(el);
    expect(copied.ok).to.equal(true);
    expect(copied.text === JSON.stringify(value), 'copied the compact JSON exactly').to.equal(true);
    expect(status(el)).to.equal('Copied (on one line: too large to indent)');
    // A value nested 900 deep is indented as JSON.stringify(value, null, 2) does.
    el.value = { deep: deep(900) };
    await el.updateComplete;
    const pretty = await copyWithButton(el);
    expect(pretty.text === JSON.stringify(el.value, null, 2), 'copied the indented JSON exactly').to.equal(true);
  });

  it('20,000-deep nesting: shown to 1,000 levels, copied as compact JSON with a note', async () => {
    const value = deep(20_000);
    const el = await fixture<JsonView>(html`<json-view .value=${value}></json-view>`);
    await frame();
    expect(text(el)).not.to.contain('[object Object]');
    const lines = [...el.shadowRoot!.querySelectorAll('.line')].map((l) => l.textContent);
    expect(lines.slice(0, 3)).to.deep.equal(['{', '  "nested": {', '    "nested": {']);
    // Past 32 levels the indentation stops growing and a label gives the depth.
    code(el).scrollTop = 500 * el.shadowRoot!.querySelector('.line')!.getBoundingClientRect().height;
    await waitUntil(() => el.shadowRoot!.querySelector('.depth'), 'depth label in view');
    const line = [...el.shadowRoot!.querySelectorAll('.line')].find((l) => l.querySelector('.depth'))!;
    expect(line.textContent).to.match(/^ {56} +\d+▸ "nested": \{$/);
    expect(line.querySelector('.depth')!.getBoundingClientRect().left - code(el).getBoundingClientRect().left).to.be.below(700);
    const copied = await copyWithButton(el);
    expect(copied.text === '{"nested":'.repeat(20_000) + '"bottom"' + '}'.repeat(20_000), 'copied the compact JSON exactly').to.equal(true);
    expect(status(el)).to.match(/^Copied \(on one line: too large to indent\)$/);
  });

  it('shows a reference to an enclosing object as [Circular], copies valid JSON with "[Circular]" and says so', async () => {
    const shared = { s: 1 };
    const cyclic: Record<string, unknown> = { name: 'loop', shared, again: shared, list: [] };
    cyclic.self = cyclic;
    (cyclic.list as unknown[]).push({ up: cyclic });
    const el = await fixture<JsonView>(html`<json-view .value=${cyclic}></json-view>`);
    expect(text(el)).not.to.contain('[object Object]');
    expect(spans(el, 'marker')).to.deep.equal(['[Circular]', '[Circular]']);
    expect(el.shadowRoot!.querySelector('[part="note"]')!.textContent).to.contain('2 references to an enclosing object are shown as [Circular]');
    // A shared (not circular) object is printed each time, as JSON.stringify does.
    expect(text(el).match(/"s": 1/g)).to.have.length(2);
    const copied = await copyWithButton(el);
    expect(JSON.parse(copied.text)).to.deep.equal({ name: 'loop', shared: { s: 1 }, again: { s: 1 }, list: [{ up: '[Circular]' }], self: '[Circular]' });
    expect(copied.text).to.equal(JSON.stringify(JSON.parse(copied.text), null, 2));
    expect(status(el)).to.equal('Copied (circular references as "[Circular]")');
    await expect(el).to.be.accessible();
  });

  it('renders hostile keys, strings and text as text: nothing executes, no elements are injected', async () => {
    const value = { [SCRIPT]: IMG, [IMG]: [SCRIPT], 'javascript:alert(1)': '\u202e rtl \u0000 nul' };
    const el = await fixture<JsonView>(html`<json-view .value=${value}></json-view>`);
    // As JSON.stringify prints it, with the bidi override escaped too (issue 20): a raw U+202E
    // would reorder the rest of the line.
    expect(text(el)).to.equal(JSON.stringify(value, null, 2).replace('\u202e', '\\u202e'));
    expect(text(el)).not.to.contain('\u202e');
    el.value = undefined;
    el.text = `{"a": ${JSON.stringify(SCRIPT)}, "b": ${IMG}}`;
    await el.updateComplete;
    await frame();
    expect(text(el)).to.contain(IMG);
    const tags = new Set([...el.shadowRoot!.querySelectorAll('*')].map((e) => e.localName));
    for (const bad of ['script', 'img', 'iframe', 'svg']) expect(tags.has(bad), bad).to.equal(false);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('odd values: bigint, functions, symbols, NaN, Map, a throwing getter; undefined shows nothing', async () => {
    const el = await fixture<JsonView>(html`<json-view .value=${{ big: 10n, fn: () => 1, sym: Symbol('s'), nan: NaN, map: new Map([[1, 2]]), list: [undefined, () => 1] }}></json-view>`);
    expect(text(el)).to.equal('{\n  "big": "10",\n  "nan": null,\n  "map": {},\n  "list": [\n    null,\n    null\n  ]\n}');
    el.value = {
      get bad() {
        throw new Error('nope');
      },
      good: 1,
    };
    await el.updateComplete;
    expect(spans(el, 'marker')).to.deep.equal(['[Unreadable: nope]']);
    expect(text(el)).to.contain('"good": 1');
    el.value = undefined;
    await el.updateComplete;
    expect(text(el)).to.equal('');
    el.value = Symbol('alone');
    await el.updateComplete;
    expect(text(el)).to.equal('Symbol(alone)');
  });

  it('a long document shows a window of lines that follows scrolling; a short one shows all lines', async () => {
    const big = Array.from({ length: 5000 }, (_, i) => ({ i, name: `item ${i}` }));
    const el = await fixture<JsonView>(html`<json-view style="--json-view-window-height: 300px" .value=${big}></json-view>`);
    await frame();
    expect(el.shadowRoot!.querySelectorAll('.line').length).to.be.below(60);
    expect(text(el)).to.contain('"name": "item 0"');
    expect(el.shadowRoot!.querySelector('[part="note"]')!.textContent).to.contain('20,002 lines');
    code(el).scrollTop = code(el).scrollHeight;
    await waitUntil(() => text(el).includes('"name": "item 4999"'), 'last item in view');
    expect(code(el).scrollHeight).to.be.above(20_000 * 15);
    el.value = big.slice(0, 3);
    await el.updateComplete;
    expect(code(el).localName).to.equal('pre');
    expect(text(el)).to.equal(JSON.stringify(big.slice(0, 3), null, 2));
    expect(WINDOW_LINES).to.be.above(3 * 4 + 2);
  });

  it('Copy puts the pretty-printed JSON on the clipboard, fires json-copy and says Copied', async () => {
    const value = { a: [1, { b: 'c' }] };
    const el = await fixture<JsonView>(html`<json-view .value=${value}></json-view>`);
    const copied = await copyWithButton(el);
    expect(copied).to.deep.equal({ text: JSON.stringify(value, null, 2), ok: true });
    expect(el.prettyText).to.equal(copied.text);
    expect(status(el)).to.equal('Copied');
  });

  it('is accessible in light and dark, with a labelled, focusable code region', async () => {
    const el = await fixture<JsonView>(html`<json-view label="Rollout ro-1" .value=${{ a: 'b', n: 1, t: true, z: null, self: null }}></json-view>`);
    expect(code(el).getAttribute('role')).to.equal('region');
    expect(code(el).getAttribute('aria-label')).to.equal('Rollout ro-1');
    expect(code(el).tabIndex).to.equal(0);
    await expect(el).to.be.accessible();
    document.documentElement.style.colorScheme = 'dark';
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    el.value = cyclic;
    await el.updateComplete;
    await expect(el).to.be.accessible();
    el.value = deep(3000);
    await el.updateComplete;
    await frame();
    await expect(el).to.be.accessible();
  });
});
