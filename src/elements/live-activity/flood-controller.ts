/**
 * Redraw pacing for <live-activity> under a flood. When new data lands in consecutive frames
 * (FLOOD_STREAK of them, closer than FLOOD_GAP_MS) and the user is following the newest rows,
 * the feed's rows and the rest (counts, totals, "Active now") are each redrawn at most every
 * FLOOD_MS, never both in one frame; a timer draws what was held back once the flood ends.
 * At 10,000 events/s every visible row shows other items each frame: redrawing them 60 times
 * a second cost a whole frame of layout and paint for a list nobody can read at that speed.
 * Anything the user does redraws at once. The clock is injectable (unit test: test/unit).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Redraw at most this often under a flood (ms). */
export const FLOOD_MS = 100;
/** Data updates closer than this (ms) count as consecutive frames (lenient: a loaded machine has slow frames). */
export const FLOOD_GAP_MS = 100;
/** Consecutive data frames (about 1/6 s of them) before the redraws are spaced out: a few quick updates still show at once. */
export const FLOOD_STREAK = 10;

export interface FloodClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const browserClock: FloodClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface FloodInput {
  /** Only new data caused this update (no property, no user action). */
  dataOnly: boolean;
  /** The store's version: a change means new data. */
  version: number;
  /** The user follows the newest rows (at the top, no row focused): only then may rows wait. */
  following: boolean;
  /** When the rows now on screen were drawn; null if never, or if the visible range changed. */
  rowsAt: number | null;
  /** When the counts and "Active now" were drawn; null if never. */
  sideAt: number | null;
}

export interface FloodPlan {
  rows: boolean;
  side: boolean;
  /** The clock's time of this decision (store it as the new `rowsAt` / `sideAt`). */
  at: number;
}

export class FloodController implements ReactiveController {
  private version = -1;
  private lastData = -Infinity;
  private streak = 0;
  private catchUp: unknown = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly clock: FloodClock = browserClock,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    if (this.catchUp !== null) this.clock.clearTimeout(this.catchUp);
    this.catchUp = null;
  }

  /** Decide what this update redraws: normally everything. */
  plan(input: FloodInput): FloodPlan {
    const t = this.clock.now();
    const newData = input.dataOnly && input.version !== this.version;
    this.version = input.version;
    if (newData) {
      this.streak = t - this.lastData < FLOOD_GAP_MS ? this.streak + 1 : 0;
      this.lastData = t;
    }
    const flooding = newData && this.streak >= FLOOD_STREAK && input.following;
    const { rowsAt, sideAt } = input;
    let rows = !flooding || rowsAt === null || t - rowsAt >= FLOOD_MS;
    let side = !flooding || sideAt === null || t - sideAt >= FLOOD_MS;
    if (flooding && rows && side) {
      // One of the two per frame: the one that waited longer.
      if (rowsAt !== null && sideAt !== null && sideAt < rowsAt) rows = false;
      else side = false;
    }
    if (!rows || !side) this.scheduleCatchUp();
    return { rows, side, at: t };
  }

  private scheduleCatchUp(): void {
    if (this.catchUp !== null) return;
    this.catchUp = this.clock.setTimeout(() => {
      this.catchUp = null;
      // Still flooding: the frames bringing data redraw as things fall due.
      if (this.clock.now() - this.lastData < FLOOD_GAP_MS) this.scheduleCatchUp();
      else this.host.requestUpdate();
    }, FLOOD_MS / 2);
  }
}
