import { describe, expect, it } from 'vitest';
import { colorHex, hexColor, roleMoves, rolesTopDown } from './role-order.ts';

const roles = [
  { id: '1', position: 0 }, // @everyone
  { id: '2', position: 1 },
  { id: '3', position: 2 },
  { id: '4', position: 3 },
];

describe('role order', () => {
  it('lists roles highest first without @everyone', () => {
    expect(rolesTopDown(roles, '1').map((r) => r.id)).toEqual(['4', '3', '2']);
  });

  it('a drag makes one set of moves with only the changed roles', () => {
    expect(roleMoves(roles, '1', '2', '4')).toEqual([
      { id: '2', position: 3 },
      { id: '4', position: 2 },
      { id: '3', position: 1 },
    ]);
    expect(roleMoves(roles, '1', '4', null)).toEqual([
      { id: '3', position: 3 },
      { id: '2', position: 2 },
      { id: '4', position: 1 },
    ]);
  });

  it('dropping a role on itself or in place changes nothing', () => {
    expect(roleMoves(roles, '1', '3', '3')).toEqual([]);
    expect(roleMoves(roles, '1', '3', '2')).toEqual([]);
  });

  it('colours go between the integer and #rrggbb', () => {
    expect(colorHex(0x3498db)).toBe('#3498db');
    expect(colorHex(0)).toBeNull();
    expect(hexColor('#3498db')).toBe(0x3498db);
  });
});
