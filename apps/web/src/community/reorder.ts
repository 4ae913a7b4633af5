/**
 * Channels in sidebar order (top-level channels, then each category with its children) and the
 * one reorder call a drag and drop makes: positions are renumbered over the whole list and only
 * the channels whose position or category changed are sent.
 */
import type { Channel } from '@twopointo/shared';

type Placed = Pick<Channel, 'id' | 'type' | 'position' | 'parent_id'>;

export interface Move {
  id: string;
  position: number;
  parent_id: string | null;
}

/** where a dragged channel lands */
export type Drop =
  { kind: 'before'; targetId: string } | { kind: 'into'; categoryId: string } | { kind: 'end' };

const byPosition = (a: Placed, b: Placed) =>
  a.position - b.position || a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Sidebar order: uncategorised channels first, then each category followed by its channels. */
export function sidebarOrder<T extends Placed>(channels: readonly T[]): T[] {
  const categories = channels.filter((c) => c.type === 'category').sort(byPosition);
  const catIds = new Set(categories.map((c) => c.id));
  const loose = channels
    .filter((c) => c.type !== 'category' && (!c.parent_id || !catIds.has(c.parent_id)))
    .sort(byPosition);
  const out: T[] = [...loose];
  for (const cat of categories) {
    out.push(cat);
    out.push(...channels.filter((c) => c.type !== 'category' && c.parent_id === cat.id).sort(byPosition));
  }
  return out;
}

/** The channels with the drop applied (new positions and parents), in sidebar order. */
export function applyDrop<T extends Placed>(channels: readonly T[], draggedId: string, drop: Drop): T[] {
  const order = sidebarOrder(channels);
  const dragged = order.find((c) => c.id === draggedId);
  if (!dragged) return order;
  const isCategory = dragged.type === 'category';
  // a category moves with its channels; a channel alone
  const moving = isCategory
    ? order.filter((c) => c.id === draggedId || c.parent_id === draggedId)
    : [dragged];
  const movingIds = new Set(moving.map((c) => c.id));
  const rest = order.filter((c) => !movingIds.has(c.id));
  const byId = new Map(rest.map((c) => [c.id, c]));

  let index = rest.length;
  let parent: string | null = null;
  if (drop.kind === 'before') {
    const target = byId.get(drop.targetId);
    if (!target) return order;
    if (isCategory) {
      // categories sit between categories: before the target's own category (or before it)
      const anchor =
        target.type === 'category' ? target : target.parent_id ? byId.get(target.parent_id) : target;
      if (!anchor || anchor.type !== 'category') {
        // dropped among the loose channels: the first category's place
        const firstCat = rest.findIndex((c) => c.type === 'category');
        index = firstCat === -1 ? rest.length : firstCat;
      } else index = rest.indexOf(anchor);
    } else if (target.type === 'category') {
      // before a category header: the end of the channels above it
      index = rest.indexOf(target);
      const prev = rest[index - 1];
      parent = prev ? (prev.type === 'category' ? prev.id : prev.parent_id) : null;
    } else {
      index = rest.indexOf(target);
      parent = target.parent_id ?? null;
    }
  } else if (drop.kind === 'into') {
    if (isCategory) return order;
    const cat = byId.get(drop.categoryId);
    if (!cat || cat.type !== 'category') return order;
    parent = cat.id;
    index = rest.indexOf(cat) + 1;
    while (index < rest.length && rest[index]!.parent_id === cat.id) index++;
  } else if (!isCategory) {
    // the end of the uncategorised channels
    index = rest.findIndex((c) => c.type === 'category');
    if (index === -1) index = rest.length;
  }

  // a category's own channels keep their parent
  const placed = moving.map((c) =>
    c.id === draggedId ? { ...c, parent_id: isCategory ? null : parent } : c,
  );
  const next = [...rest.slice(0, index), ...placed, ...rest.slice(index)];
  return sidebarOrder(next.map((c, i) => ({ ...c, position: i })));
}

/** The moves to send: every channel whose position or category differs from before. */
export function reorderMoves(before: readonly Placed[], after: readonly Placed[]): Move[] {
  const old = new Map(before.map((c) => [c.id, c]));
  return after
    .filter((c) => {
      const o = old.get(c.id);
      return !o || o.position !== c.position || (o.parent_id ?? null) !== (c.parent_id ?? null);
    })
    .map((c) => ({ id: c.id, position: c.position, parent_id: c.parent_id ?? null }));
}
