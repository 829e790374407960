/**
 * Owns: the public face of Telltale's server core, the part every Telltale server shares (the
 * reference server in demo/server, `telltale relay`, relay sources). Node only.
 *
 * Feeding it, from any source:
 *   const live = new LiveState();            // the live protocol: keyed entities + event ring
 *   live.upsert('activity', activity);       // whole record; `live.remove(kind, id)`
 *   live.appendOutput(activity.id, 'stdout', text);
 *   const logs = new LogStreams();           // the log protocol: one ring per stream
 *   logs.add('api', 'API', 1000).append({ level: 'info', text: 'started' });
 * Serving it, inside a node:http handler:
 *   protocolRoute({ req, res, url, reply, open }, segments, { live, logs })
 * where `open(key, primaryEvent)` returns `new SseConnection(res, req, { key, heartbeatMs, headers })`.
 */
export { Channel, type ChannelMessage, type StreamEvent } from './channel.js';
export { CORS_ANY, HttpError, intParam, parseCursor, preflight, readBody, readCursor, readJsonObject, sendJson, sendText, type Reply } from './http.js';
export { LIVE_HISTORY, LiveState, MAX_OUTPUT_BYTES, type Entity, type OutputStream } from './live.js';
export { LOG_RING, LogStream, LogStreams, type LogStreamEntry, type NewLine } from './logs.js';
export { liveOutput, liveSse, liveStatus, logLines, logList, logSse, protocolRoute, type Feeds, type RouteCtx } from './routes.js';
export { formatEvent, MAX_BUFFERED, RETRY_MS, SseConnection, type SseOptions } from './sse.js';
export { serveStatic, type StaticRequest } from './static.js';
