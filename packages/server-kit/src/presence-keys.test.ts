import { describe, expect, it } from 'vitest';
import {
  PRESENCE_LEASES_KEY,
  presenceLedgerKey,
  presenceServerKey,
  presenceUserKey,
} from './presence-keys.ts';

describe('presence keys', () => {
  it('keep the format the Edge writes and Official reads', () => {
    expect(presenceUserKey('u1')).toBe('presence:u1');
    expect(presenceServerKey('s1', 'u1')).toBe('presence:s1:u1');
    expect(PRESENCE_LEASES_KEY).toBe('presence:edges');
    expect(presenceLedgerKey('a')).toBe('presence:edge:a');
  });
});
