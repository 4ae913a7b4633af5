/** Roles from highest to lowest (@everyone last) and the one reorder call a drag makes. */
export interface OrderedRole {
  id: string;
  position: number;
}

export function rolesTopDown<T extends OrderedRole>(roles: readonly T[], everyoneId: string | null): T[] {
  return [...roles]
    .filter((r) => r.id !== everyoneId)
    .sort((a, b) => b.position - a.position || (a.id < b.id ? -1 : 1));
}

/**
 * The positions after moving `draggedId` to just above `beforeId` (null: to the bottom, above
 * @everyone): the list is renumbered n..1 from the top and only changed roles are returned.
 */
export function roleMoves(
  roles: readonly OrderedRole[],
  everyoneId: string | null,
  draggedId: string,
  beforeId: string | null,
): { id: string; position: number }[] {
  const order = rolesTopDown(roles, everyoneId);
  const dragged = order.find((r) => r.id === draggedId);
  if (!dragged || draggedId === beforeId) return [];
  const rest = order.filter((r) => r.id !== draggedId);
  const at = beforeId === null ? rest.length : rest.findIndex((r) => r.id === beforeId);
  if (at === -1) return [];
  const next = [...rest.slice(0, at), dragged, ...rest.slice(at)];
  const old = new Map(order.map((r) => [r.id, r.position]));
  return next
    .map((r, i) => ({ id: r.id, position: next.length - i }))
    .filter((m) => old.get(m.id) !== m.position);
}

export const colorHex = (color: number | undefined) =>
  color ? `#${color.toString(16).padStart(6, '0')}` : null;
export const hexColor = (hex: string) => parseInt(hex.replace('#', ''), 16) || 0;
