/** One channel overwrite seen per permission as allow / inherit / deny, and changed the same way. */
import type { OverwriteWire } from './community-api.ts';

export type TriState = 'allow' | 'inherit' | 'deny';

export function triStateOf(o: Pick<OverwriteWire, 'allow' | 'deny'> | undefined, bit: bigint): TriState {
  if (!o) return 'inherit';
  if ((BigInt(o.allow) & bit) !== 0n) return 'allow';
  if ((BigInt(o.deny) & bit) !== 0n) return 'deny';
  return 'inherit';
}

/** The overwrite with one permission set to a state; allow and deny never both hold a bit. */
export function withTriState<T extends Pick<OverwriteWire, 'allow' | 'deny'>>(
  o: T,
  bit: bigint,
  state: TriState,
): T {
  let allow = BigInt(o.allow) & ~bit;
  let deny = BigInt(o.deny) & ~bit;
  if (state === 'allow') allow |= bit;
  if (state === 'deny') deny |= bit;
  return { ...o, allow: allow.toString(), deny: deny.toString() };
}

/** An overwrite that allows and denies nothing is the same as none: delete it rather than save it. */
export function isEmptyOverwrite(o: Pick<OverwriteWire, 'allow' | 'deny'>): boolean {
  return BigInt(o.allow) === 0n && BigInt(o.deny) === 0n;
}
