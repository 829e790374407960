/** Validate a backend address: '' (the page origin), a same-origin path, or an http(s) URL. */
export function validateBaseUrl(value: string): { ok: true; value: string } | { ok: false; error: string } {
  const v = value.trim();
  if (v === '') return { ok: true, value: '' };
  if (v.startsWith('/') && !v.startsWith('//')) return { ok: true, value: v.replace(/\/+$/, '') };
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    return { ok: false, error: 'Not a URL. Use a full address such as http://localhost:4747, or leave it empty for this page’s origin.' };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { ok: false, error: `Only http and https addresses work here (found ${u.protocol}).` };
  if (u.search || u.hash) return { ok: false, error: 'The address must not contain a query (?…) or a fragment (#…).' };
  if (u.username || u.password) return { ok: false, error: 'Do not put credentials in the address.' };
  return { ok: true, value: `${u.origin}${u.pathname}`.replace(/\/+$/, '') };
}
