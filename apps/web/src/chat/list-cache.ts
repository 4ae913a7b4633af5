/** Updates of the cached lists of things with ids (servers, channels); an unloaded list is `undefined`. */

/** Replaces the item with the same id, or appends it; a list not loaded yet stays unloaded. */
export function upsertById<T extends { id: string }>(list: T[] | undefined, item: T): T[] | undefined {
  if (!list) return list;
  return list.some((x) => x.id === item.id)
    ? list.map((x) => (x.id === item.id ? item : x))
    : [...list, item];
}

/**
 * Appends an item the list lacks, starting the list if need be: what we just created or joined
 * shows at once, and the copy a gateway event may already have put there is left alone.
 */
export function appendIfMissing<T extends { id: string }>(list: T[] | undefined, item: T): T[] {
  return list?.some((x) => x.id === item.id) ? list : [...(list ?? []), item];
}
