/**
 * The machine floor's page script, shared by machine-floor.bench.ts and the element benchmarks
 * that report their actions as a ratio to the floor measured in the same run.
 */
// Plain JavaScript for the page (no bundler: this measures the browser, not our code).
export const floorScript = `
const nextPaint = () => new Promise((res) => requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => res(); c.port2.postMessage(0); }));
const settle = () => new Promise((res) => requestAnimationFrame(() => setTimeout(res, 50)));
// kind: 'auto' (a <table>, auto layout), 'fixed' (table-layout: fixed, widths from a <colgroup>),
// 'grid' (divs in a CSS grid with a fixed column template, rows display: contents),
// 'grid-contain' (the same, the scroller contain: strict).
const WIDTHS = [168, 112, 272, 168, 148, 88, 172, 120, 164, 128, 96];
function table(rows, kind = 'auto') {
  const host = document.createElement('div');
  host.style.cssText = 'font:13px sans-serif' + (kind === 'grid-contain' ? ';height:960px;overflow:auto;contain:strict' : '');
  const grid = kind.startsWith('grid');
  let tb;
  if (grid) {
    tb = document.createElement('div');
    tb.setAttribute('role', 'grid');
    tb.style.cssText = 'display:grid;grid-template-columns:' + WIDTHS.map((w) => w + 'px').join(' ');
    host.append(tb);
  } else {
    const t = document.createElement('table');
    t.style.cssText = 'width:100%;border-collapse:collapse' + (kind === 'fixed' ? ';table-layout:fixed' : '');
    if (kind === 'fixed') {
      const cg = document.createElement('colgroup');
      for (const w of WIDTHS) { const c = document.createElement('col'); c.style.width = w + 'px'; cg.append(c); }
      t.append(cg);
    }
    tb = document.createElement('tbody');
    t.append(tb);
    host.append(t);
  }
  document.body.append(host);
  const fill = (seed) => {
    tb.textContent = '';
    for (let i = 0; i < rows; i++) {
      const tr = document.createElement(grid ? 'div' : 'tr');
      if (grid) { tr.setAttribute('role', 'row'); tr.style.display = 'contents'; }
      for (let c = 0; c < 11; c++) {
        const td = document.createElement(grid ? 'div' : 'td');
        if (grid) td.setAttribute('role', 'gridcell');
        td.style.cssText = 'height:36px;padding:0 10px;border-bottom:1px solid #ddd;white-space:nowrap' + (grid ? ';line-height:36px;box-sizing:border-box;overflow:hidden' : '');
        const s = document.createElement('span');
        s.textContent = 'value ' + ((i * 31 + c * 7 + seed * 13) % 997) + ' of ' + c;
        td.append(s);
        tr.append(td);
      }
      tb.append(tr);
    }
  };
  fill(0);
  return { fill, remove: () => host.remove() };
}
window.emptyFrame = async () => { const out = []; for (let k = 0; k < 8; k++) { await settle(); const t0 = performance.now(); await nextPaint(); out.push(performance.now() - t0); } return out; };
window.replaceRows = async (rows, kind) => {
  const t = table(rows, kind);
  const out = [];
  for (let k = 1; k <= 8; k++) { await settle(); const t0 = performance.now(); t.fill(k); await nextPaint(); out.push(performance.now() - t0); }
  t.remove();
  return out;
};
window.startRewrite = () => {
  const box = document.createElement('div');
  box.style.cssText = 'height:800px;overflow:hidden;font:12px monospace;contain:strict';
  const cells = [];
  for (let i = 0; i < 40; i++) {
    const row = document.createElement('div');
    row.style.cssText = 'height:20px;white-space:pre';
    const parts = [];
    for (let c = 0; c < 4; c++) { const s = document.createElement('span'); s.textContent = '-'; row.append(s, ' '); parts.push(s); }
    box.append(row);
    cells.push(parts);
  }
  document.body.append(box);
  let n = 0;
  const tick = () => {
    n++;
    for (let i = 0; i < 40; i++) { const p = cells[i]; p[0].textContent = String(n * 40 + i); p[1].textContent = 'INFO'; p[2].textContent = 'scheduler'; p[3].textContent = 'line ' + (n * 40 + i) + ' of a fast log, with some text to shape'; }
    if (window.__rewriting) requestAnimationFrame(tick);
  };
  window.__rewriting = true;
  requestAnimationFrame(tick);
};
window.stopRewrite = () => { window.__rewriting = false; };
document.body.dataset.ready = '1';
`;
