/**
 * Browser-test control of lazy parts (src/elements/shared/lazy-part.ts) by name, through the one
 * seam every part's import goes through (`LazyPart.load`): hold a named part back until the test
 * releases it, or make it fail the way import() fails when the server has gone away. The page's
 * module cache does not matter (an earlier test file may have loaded the module already): the
 * import is never reached while held, or at all when failed. Call `restoreParts()` after each test.
 */
import { LazyPart } from '../../src/elements/shared/lazy-part.js';

export interface PartGate {
  /** How many loads of the named parts were asked for since the gate was set. */
  readonly asked: number;
  /** What waits loads, and so does every later load. */
  release(): void;
  /** What waits fails, and so does every later load (until `restoreParts()`). */
  fail(): void;
}

const realLoad = LazyPart.load;
const gates = new Map<string, { opened: Promise<void>; count: () => void }>();

/** What a browser says when a dynamic import's chunk cannot be fetched. */
const gone = (name: string) => new TypeError(`Failed to fetch dynamically imported module: ${name}.js (test: server gone)`);

/** Every load of the named parts (their modules' file names, e.g. 'error-state') waits for `release()` or `fail()`. */
export function holdPart(...names: string[]): PartGate {
  let open!: () => void;
  let shut!: (e: Error) => void;
  const opened = new Promise<void>((res, rej) => ((open = res), (shut = rej)));
  opened.catch(() => {}); // failed before anything asked: not an unhandled rejection
  const gate = { asked: 0, release: () => open(), fail: () => shut(gone(names.join(', '))) };
  for (const name of names) gates.set(name, { opened, count: () => gate.asked++ });
  LazyPart.load = (name, load) => {
    const g = gates.get(name);
    if (!g) return realLoad(name, load);
    g.count();
    return g.opened.then(load);
  };
  return gate;
}

/** Every load of the named parts fails at once, as import() does once the server is gone. */
export function failPart(...names: string[]): PartGate {
  const gate = holdPart(...names);
  gate.fail();
  return gate;
}

/** Every part loads normally again. */
export function restoreParts(): void {
  gates.clear();
  LazyPart.load = realLoad;
}
