/** Permission sets on the wire: decimal strings of defined bits that fit a signed 64-bit column. */
import { ALL_PERMISSIONS, Permissions, badRequest, forbidden } from '@twopointo/shared';

const MAX_INT8 = (1n << 63n) - 1n;

/** Parses a wire permission set; a bad one is a 400 naming `field`. */
export function parsePermissionSet(value: string, field: string): bigint {
  if (!/^[0-9]{1,19}$/.test(value))
    throw badRequest('invalid_input', `body.${field}: must be a decimal string`);
  const bits = BigInt(value);
  if (bits > MAX_INT8) throw badRequest('invalid_input', `body.${field}: does not fit in 63 bits`);
  if ((bits & ~ALL_PERMISSIONS) !== 0n)
    throw badRequest('invalid_input', `body.${field}: contains undefined permission bits`);
  return bits;
}

export const formatPermissionSet = (bits: bigint | string): string => BigInt(bits).toString();

/** Names of the bits in a set, for error messages. */
export function permissionNames(bits: bigint): string[] {
  return Object.entries(Permissions)
    .filter(([, bit]) => (bits & bit) !== 0n)
    .map(([name]) => name);
}

export function missingPermission(bits: bigint) {
  return forbidden(`Missing permission ${permissionNames(bits).join(', ')}`, 'missing_permission');
}
