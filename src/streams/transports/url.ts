/** URL helpers shared by the transports and the hub (apart, so the hub needs no SSE code). */

/** `url` with `key=value` added to its query (before any #fragment). */
export function withQuery(url: string, key: string, value: string | number): string {
  const hash = url.indexOf('#');
  const base = hash >= 0 ? url.slice(0, hash) : url;
  const sep = base.includes('?') ? '&' : '?';
  return `${base}${sep}${key}=${encodeURIComponent(String(value))}`;
}
