/**
 * Keyboard for the role=tree lists in <worker-board> (action tree) and <storage-overview>
 * (store tiers): the WAI-ARIA tree pattern over rendered items, with roving tabindex.
 */

/**
 * Keyboard for a role=tree (WAI-ARIA tree pattern) whose collapsed children are not rendered:
 * Up/Down move between visible items, Right expands or enters, Left collapses or goes to the
 * parent, Home/End, Enter/Space toggle. Focus is roving (tabindex 0 on one item).
 */
export function handleTreeKeydown(e: KeyboardEvent, toggle: (item: HTMLElement, expand: boolean | null) => void): void {
  const tree = e.currentTarget as HTMLElement;
  const item = (e.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
  if (!item || !tree.contains(item)) return;
  const items = [...tree.querySelectorAll<HTMLElement>('[role="treeitem"]')];
  const i = items.indexOf(item);
  const expanded = item.getAttribute('aria-expanded');
  const move = (to: HTMLElement | undefined) => {
    if (!to) return;
    for (const it of items) it.tabIndex = -1;
    to.tabIndex = 0;
    to.focus();
  };
  switch (e.key) {
    case 'ArrowDown':
      move(items[i + 1]);
      break;
    case 'ArrowUp':
      move(items[i - 1]);
      break;
    case 'Home':
      move(items[0]);
      break;
    case 'End':
      move(items[items.length - 1]);
      break;
    case 'ArrowRight':
      if (expanded === 'false') toggle(item, true);
      else if (expanded === 'true') move(items[i + 1]);
      else return;
      break;
    case 'ArrowLeft':
      if (expanded === 'true') toggle(item, false);
      else move(item.parentElement?.closest<HTMLElement>('[role="treeitem"]') ?? undefined);
      break;
    case 'Enter':
    case ' ':
      if (expanded === null) return;
      toggle(item, null);
      break;
    default:
      return;
  }
  e.preventDefault();
  e.stopPropagation();
}

