/**
 * The shape every streaming decoder has: how to read one event (from an SSE frame or a
 * polling entry) and how to read a polling response. Write one of these to teach the hub
 * another system (see docs/streams.md).
 */

/** What a decoder turns one wire event into. */
export type FeedItem<E, S> =
  | { type: 'event'; id: number; event: E }
  /** A snapshot: consumers rebuild from it. `id` advances the cursor when known. */
  | { type: 'reset'; id: number | null; snapshot: S; unreadable?: Error[] };

export interface PollResult<E, S> {
  /** The cursor to ask with next time. */
  cursor: number;
  /** A snapshot replacing everything before (cursor too old, or no cursor). */
  reset: { id: number | null; snapshot: S; unreadable?: Error[] } | null;
  /** Events after the cursor (or after the snapshot), in id order. Undecodable ones are in `malformed`. */
  events: { id: number; event: E }[];
  malformed: { id: number | null; error: Error }[];
  /** The server has more waiting: ask again at once. */
  more: boolean;
}

export interface FeedDecoder<E, S> {
  /**
   * Decode one event. `name` is the SSE `event:` field (undefined for unnamed events), `data`
   * the parsed JSON of its `data:`, `id` its id. Throw a DecodeError for bad input; return
   * null for an event that carries nothing for consumers.
   */
  event(name: string | undefined, data: unknown, id: number | null): FeedItem<E, S> | null;
  /** Decode a polling response. Throw a DecodeError when the envelope itself is wrong. */
  poll(json: unknown): PollResult<E, S>;
}
