/**
 * Log streams (docs/protocol.md "Log streams") → LogLine; `truncated` → LogGap reset.
 */
import { DecodeError } from '../errors.js';
import { LOG_LEVELS, type LogLine, type LogStreamInfo } from '../models.js';
import type { LogGap } from '../types.js';
import type { FeedDecoder, PollResult } from './feed.js';
import { arr, eventId, num, obj, oneOf, str } from './validate.js';

/** A reset id that moves the cursor before every id (the server starts over). */
export const REWIND = -1;

export function decodeLogLine(v: unknown, path = 'line'): LogLine {
  const o = obj(v, path);
  num(o, 'id', path);
  num(o, 'time', path);
  oneOf(o, 'level', LOG_LEVELS, path);
  str(o, 'source', path);
  str(o, 'text', path);
  return o as unknown as LogLine;
}

export function decodeLogGap(v: unknown, path = 'truncated'): LogGap {
  const o = obj(v, path);
  return { from: num(o, 'from', path), to: num(o, 'to', path) };
}

export function decodeLogStreams(v: unknown): LogStreamInfo[] {
  const o = obj(v, 'logs');
  return arr(o.streams, 'logs.streams').map((s, i) => {
    const p = `logs.streams[${i}]`;
    const so = obj(s, p);
    str(so, 'id', p);
    str(so, 'title', p);
    num(so, 'lastId', p);
    return so as unknown as LogStreamInfo;
  });
}

export const logDecoder: FeedDecoder<LogLine, LogGap> = {
  event(name, data, id) {
    if (name === 'truncated') return { type: 'reset', id, snapshot: decodeLogGap(data) };
    if (name === 'reset') {
      // The server lost its state (our cursor is ahead of it): drop everything; its tail follows.
      // The cursor rewinds to -1 ("before everything") so the replayed tail is not taken for duplicates.
      const o = obj(data, 'reset');
      const last = o.lastId === undefined ? 0 : num(o, 'lastId', 'reset');
      return { type: 'reset', id: REWIND, snapshot: { from: 0, to: last } };
    }
    if (name !== undefined && name !== 'line') throw new DecodeError('event', 'line, truncated or reset', name);
    const line = decodeLogLine(data);
    const lid = id ?? line.id;
    if (id !== null && line.id !== id) throw new DecodeError('line.id', `the event id ${id}`, line.id);
    return { type: 'event', id: lid, event: line };
  },
  poll(json): PollResult<LogLine, LogGap> {
    const o = obj(json, 'lines');
    const cursor = eventId(o.lastId as number, 'lines.lastId');
    const res: PollResult<LogLine, LogGap> = { cursor, reset: null, events: [], malformed: [], more: o.more === true };
    if (o.reset === true) res.reset = { id: REWIND, snapshot: { from: 0, to: cursor } };
    else if (o.truncated !== undefined && o.truncated !== null) res.reset = { id: null, snapshot: decodeLogGap(o.truncated, 'lines.truncated') };
    const lines = arr(o.lines, 'lines.lines');
    for (let i = 0; i < lines.length; i++) {
      try {
        const line = decodeLogLine(lines[i], `lines.lines[${i}]`);
        res.events.push({ id: line.id, event: line });
      } catch (err) {
        const maybeId = (lines[i] as { id?: unknown } | null)?.id;
        res.malformed.push({ id: typeof maybeId === 'number' ? maybeId : null, error: err as Error });
      }
    }
    return res;
  },
};
