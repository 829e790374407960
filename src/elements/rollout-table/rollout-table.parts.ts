/**
 * Where <rollout-table>'s rare part (rollout-table.rare.ts: the empty, error and stale states,
 * notices) is fetched from: a dynamic import after the first paint. Tests replace `load` to make
 * it fail (the server gone) or arrive late; the element then draws the plain error panel.
 */
export const rareChunk = { load: (): Promise<typeof import('./rollout-table.rare.js')> => import('./rollout-table.rare.js') };
