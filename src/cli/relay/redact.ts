/**
 * Owns: keeping secrets out of what the relay prints or serves. Sources are given as URLs
 * that may carry a password (`redis://:PASSWORD@host`, `https://user:PASSWORD@host`) or a
 * token in the query; `/relay/info`, stream statuses and lines, and messages on stderr show
 * them with the secret replaced by `***` (the user name stays: it says which account).
 */

/** `scheme://user:password@` — the password up to the last `@` before the host. */
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#@:]*):([^\s/?#]*)@/gi;
/** `?password=…`, `&token=…` and the like in a URL's query. */
const QUERY_SECRET = /([?&](?:password|passwd|pass|pwd|token|secret|auth|access_token|api_key|apikey)=)[^&#\s]*/gi;

/** `text` with every URL's password and secret query values replaced by `***`. */
export function redactCredentials(text: string): string {
  if (!text.includes('://')) return text;
  return text.replace(USERINFO, (_m, scheme: string, user: string) => `${scheme}${user}:***@`).replace(QUERY_SECRET, '$1***');
}
