/**
 * The cross-tab relay's vocabulary, shared by the coordinator (loaded when first needed) and
 * the hub (always loaded): how a follower names a source (SourceRecipe), the options, the
 * messages tabs exchange, what a FeedSource hands the coordinator, and the small helpers.
 * Types and a few functions only: importing it costs next to nothing.
 */
import type { Observable, Subscription } from 'rxjs';
import type { FeedItem } from '../decoders/feed.js';
import type { FeedSink, FeedStatusPatch } from '../feed.js';
import type { Folder } from '../folders.js';
import type { SourceStatus } from '../types.js';

/** How a follower tells the leader which source to open (same call, same key, in every tab). */
export type SourceRecipe =
  | { kind: 'live'; base: string; options: Record<string, unknown> }
  | { kind: 'logs'; base: string; stream: string; options: Record<string, unknown> }
  | { kind: 'tasks'; base: string; options: Record<string, unknown> };

export interface CrossTabOptions {
  /** Tabs share connections only within one namespace (lock and channel names). Default 'default'. */
  namespace?: string;
  /** Leader heartbeat while visible (hidden tabs beat once a second). Default 500 ms. */
  heartbeatMs?: number;
  /** A visible follower that hears nothing from the leader for this long takes over. Default 1500 ms. */
  silenceMs?: number;
  /** Recent items kept per source for followers' catch-up after a leader change. Default 2000. */
  ringSize?: number;
  /** This tab's id (tests: several hubs in one page act as several tabs). Default: random. */
  tabId?: string;
}

export type TabRole = 'pending' | 'leader' | 'follower';

export type Malformed = { type: 'malformed'; id: number | null; message: string };
export type RelayItem = FeedItem<unknown, unknown> | Malformed;
export type StatusPatch = Pick<SourceStatus, 'state' | 'reason' | 'retryAt'>;

export type Msg =
  | { t: 'hb'; from: string; epoch: number }
  | { t: 'hello'; from: string }
  | { t: 'bye'; from: string }
  | { t: 'want'; from: string; key: string; recipe: SourceRecipe; since: number | null }
  | { t: 'release'; from: string; key: string }
  | { t: 'items'; from: string; key: string; items: RelayItem[] }
  | { t: 'status'; from: string; key: string; patch?: FeedStatusPatch; reconnect?: true }
  | { t: 'sync'; from: string; key: string; to: string; items: RelayItem[]; cursor: number | null; status: StatusPatch };

/** What a FeedSource hands the coordinator when its connection opens in this tab. */
export interface SharedSource {
  readonly key: string;
  readonly recipe: SourceRecipe;
  readonly folder: Folder<unknown, unknown>;
  status(): SourceStatus;
  setRole(role: SourceStatus['role']): void;
}

/** Starts the real connection (runFeed) from a cursor into a sink; returns its stop function. */
export type RunLocal = (cursor: number | null, sink: FeedSink<unknown, unknown>) => () => void;

/** What the coordinator needs from its hub: open a source by recipe (the leader serving a follower). */
export interface CoordinatorHub {
  sourceFor(recipe: SourceRecipe): { key: string; items$: Observable<unknown> };
}

export interface LockManagerLike {
  request(name: string, options: object, cb: (lock: unknown) => unknown): Promise<unknown>;
  query?(): Promise<{ held?: { name?: string }[] }>;
}

export class Link {
  mode: TabRole = 'pending';
  /** Id of the last item seen in this tab (events, resets with an id, malformed frames). */
  cursor: number | null = null;
  ring: RelayItem[] = [];
  awaiting = false;
  wantedAt = 0;
  awaitingSince = 0;
  /** Gave up sharing (the leader never answered): runs its own connection. */
  solo = false;
  stopLocal: (() => void) | null = null;
  gen = 0;
  constructor(
    readonly src: SharedSource,
    readonly sink: FeedSink<unknown, unknown>,
    readonly runLocal: RunLocal,
  ) {}
}

/** The relay protocol's version: tabs running different versions elect and relay separately. */
export const PROTOCOL = 1;

export const itemId = (x: RelayItem): number | null => x.id;

export function locks(): LockManagerLike | null {
  const n = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  return n?.locks && typeof n.locks.request === 'function' ? n.locks : null;
}

export function isHidden(): boolean {
  return (globalThis as { document?: { hidden?: boolean } }).document?.hidden === true;
}

export function randomId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  return c?.randomUUID ? c.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** Web Locks and BroadcastChannel both exist (else the hub stays solo). */
export function crossTabSupported(): boolean {
  return locks() !== null && typeof (globalThis as { BroadcastChannel?: unknown }).BroadcastChannel === 'function';
}
