// custom-elements.json compared with the elements as they run: each element, reading a sandbox
// of the reference server, has every property and attribute the manifest lists (the inherited
// `.hub` included), and every part found in its shadow root is documented.
import { expect, waitUntil } from '@open-wc/testing';
import '../../src/all.js';
import { createHub } from '../../src/streams/hub.js';
import { createSandbox, type Sandbox } from '../helpers/server.js';

type Decl = {
  tagName?: string;
  members?: { kind: string; name: string; static?: boolean; privacy?: string }[];
  attributes?: { name: string; fieldName?: string }[];
  cssParts?: { name: string }[];
};

describe('custom-elements.json matches the running elements', () => {
  let sb: Sandbox;
  let decls: Decl[] = [];
  before(async () => {
    sb = await createSandbox({ seed: 9 });
    const manifest = (await (await fetch('/custom-elements.json')).json()) as { modules: { declarations?: Decl[] }[] };
    decls = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
  });
  after(async () => {
    await sb.dispose();
  });

  it('lists twelve elements', () => {
    expect(decls.map((d) => d.tagName).sort()).to.have.length(12);
  });

  const TAGS = ['client-list', 'connection-status', 'json-view', 'live-activity', 'log-console', 'resources-view', 'rollout-table', 'settings-panel', 'storage-overview', 'telltale-provider', 'trace-view', 'worker-board'];
  for (const tag of TAGS) {
    it(`<${tag}>: listed properties and attributes exist; rendered parts are listed`, async () => {
      const d = decls.find((x) => x.tagName === tag)!;
      expect(d, tag).to.exist;
      const el = document.createElement(tag) as HTMLElement & Record<string, unknown> & { updateComplete: Promise<unknown> };
      el.hub = createHub();
      if ((d.attributes ?? []).some((a) => a.name === 'base-url')) el.setAttribute('base-url', sb.url);
      if (tag === 'log-console') el.setAttribute('streams', 'scheduler');
      if (tag === 'json-view') el.setAttribute('text', '{"a": [1, 2]}');
      document.body.append(el);
      try {
        await el.updateComplete;
        // Some data (or a settled state) so the parts of a working element are in the DOM.
        await waitUntil(() => !el.shadowRoot || el.shadowRoot.querySelectorAll('[part]').length > 0 || tag === 'telltale-provider', `${tag} renders`, { timeout: 8000 });
        await new Promise((r) => setTimeout(r, 1200));
        for (const m of d.members ?? []) {
          if (m.kind === 'field' && !m.static && !m.privacy) expect(m.name in el, `${tag}.${m.name}`).to.be.true;
        }
        for (const a of d.attributes ?? []) if (a.fieldName) expect(a.fieldName in el, `${tag} [${a.name}] -> .${a.fieldName}`).to.be.true;
        const listed = new Set((d.cssParts ?? []).map((p) => p.name));
        const rendered = new Set([...(el.shadowRoot?.querySelectorAll('[part]') ?? [])].flatMap((n) => [...(n as Element).part]));
        expect([...rendered].filter((p) => !listed.has(p)), `${tag}: rendered parts missing from the manifest`).to.deep.equal([]);
      } finally {
        el.remove();
      }
    });
  }
});
