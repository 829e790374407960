/**
 * Where <live-activity>'s details part (live-activity.details.ts: the panel and the output
 * loader) is fetched from: a dynamic import when details are first opened. Tests replace `load`
 * to make it fail (the server gone) without depending on what the browser has cached.
 */
export const detailsChunk = { load: (): Promise<typeof import('./live-activity.details.js')> => import('./live-activity.details.js') };
