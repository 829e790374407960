/**
 * Isolated worlds for tests and demos, under `/sandboxes/{id}`. Bounded: idle ones expire and
 * past the cap the least recently used goes.
 */
import { randomBytes } from 'node:crypto';
import { World, type WorldOptions } from './world.js';

export const MAX_SANDBOXES = 32;
export const IDLE_MS = 10 * 60_000;

export class Sandboxes {
  private readonly worlds = new Map<string, World>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly idleMs = IDLE_MS) {
    this.sweeper = setInterval(() => this.sweep(), Math.min(30_000, idleMs));
    this.sweeper.unref();
  }

  create(opts: WorldOptions): { id: string; world: World } {
    if (this.worlds.size >= MAX_SANDBOXES) {
      const lru = [...this.worlds.entries()].sort((a, b) => a[1].lastUsed - b[1].lastUsed)[0]!;
      this.drop(lru[0]);
    }
    const id = `sb-${randomBytes(4).toString('hex')}`;
    const world = new World(opts);
    this.worlds.set(id, world);
    return { id, world };
  }

  get(id: string): World | undefined {
    return this.worlds.get(id);
  }

  drop(id: string): boolean {
    const w = this.worlds.get(id);
    if (!w) return false;
    w.close();
    this.worlds.delete(id);
    return true;
  }

  get size(): number {
    return this.worlds.size;
  }

  /** A sandbox with an open stream is in use, however quiet. */
  private sweep(): void {
    const now = Date.now();
    for (const [id, w] of this.worlds) if (w.connections.size === 0 && now - w.lastUsed > this.idleMs) this.drop(id);
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const id of [...this.worlds.keys()]) this.drop(id);
  }
}
