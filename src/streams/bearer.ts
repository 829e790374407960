/**
 * A token for a protected source (`telltale relay --token T`), for any element: give the
 * elements a hub whose fetch adds `Authorization: Bearer T` — to that one origin only, so the
 * token never travels to another server the page also reads.
 *
 *   const hub = createHub({ fetch: bearerFetch(token, 'https://relay.example:8090') });
 *   document.querySelector('log-console').hub = hub;
 */
import type { FetchLike } from './transports/http.js';

export function bearerFetch(token: string, base: string, inner?: FetchLike): FetchLike {
  const origin = new URL(base, globalThis.location?.href).origin;
  return (input, init) => {
    const next = inner ?? ((i: string, o?: RequestInit) => globalThis.fetch(i, o));
    if (new URL(input, globalThis.location?.href).origin !== origin) return next(input, init);
    const headers = new Headers(init?.headers);
    headers.set('Authorization', `Bearer ${token}`);
    return next(input, { ...init, headers });
  };
}
