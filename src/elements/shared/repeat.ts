/**
 * lit's `repeat`, without its DOM leak. lit-html 3.3.1–3.3.3's removePart removes a dropped
 * item's start marker but leaves its end marker, an empty comment, in the list
 * (lit/lit#5298; fix proposed in #5299, not released). A list whose rows churn grew without
 * bound: the live-activity feed at 10,000 events/s gained about 190 comments a second
 * (5,158 DOM nodes after 20 s, 1,411 at the start). Every element imports `repeat` from here.
 *
 * Each update first removes the comments the last one left behind, then runs lit's own repeat
 * unchanged (its keyed moves keep a focused row's element). At most one update's leftovers
 * exist at a time. Once lit is fixed there is nothing to sweep and this costs one walk of the
 * list's top-level nodes.
 */
import { Directive, directive, type ChildPart } from 'lit/directive.js';
import { getCommittedValue } from 'lit/directive-helpers.js';
import { repeat as litRepeat, type ItemTemplate, type KeyFn, type RepeatDirectiveFn } from 'lit/directives/repeat.js';

/**
 * Remove comments directly inside `list`'s range that belong to no live item part: the
 * orphaned end markers. An item's own markers and whatever lies between them are skipped.
 */
function sweepOrphanMarkers(list: ChildPart): void {
  const items = getCommittedValue(list);
  if (!Array.isArray(items)) return; // not yet rendered by repeat
  const endOf = new Map<Node, Node | null>();
  for (const item of items as ChildPart[]) if (item.startNode) endOf.set(item.startNode, item.endNode);
  const stop = list.endNode;
  // One forward walk over the list's top-level nodes (never a jump, so it always ends):
  // inside an item's markers nothing is touched; between items, stray comments go.
  let inItemUntil: Node | null | undefined;
  let node = list.startNode ? list.startNode.nextSibling : null;
  while (node && node !== stop) {
    const next: ChildNode | null = node.nextSibling;
    if (inItemUntil !== undefined) {
      if (node === inItemUntil) inItemUntil = undefined;
    } else if (endOf.has(node)) {
      inItemUntil = endOf.get(node);
    } else if (node.nodeType === Node.COMMENT_NODE) {
      (node as Comment).remove();
    }
    node = next;
  }
}

class SweptRepeat extends Directive {
  // lit's repeat, returned as a nested directive, checks the part type and does the work.
  render(...args: Parameters<RepeatDirectiveFn>): unknown {
    return litRepeat(...(args as [Iterable<unknown>, KeyFn<unknown>, ItemTemplate<unknown>]));
  }

  override update(part: ChildPart, args: Parameters<RepeatDirectiveFn>): unknown {
    // lit resolves the returned repeat on this same part, so the parts committed last time are
    // this part's committed value.
    sweepOrphanMarkers(part);
    return this.render(...args);
  }
}

/** lit's `repeat` (same arguments, same keyed behaviour), minus the leaked markers. */
export const repeat = directive(SweptRepeat) as unknown as RepeatDirectiveFn;
