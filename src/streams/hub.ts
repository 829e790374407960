// PLACEHOLDER — the hub engineer replaces this file with the real Hub.
import type { HubLike } from './types.js';

export function getDefaultHub(): HubLike {
  throw new Error('Hub not implemented yet');
}
