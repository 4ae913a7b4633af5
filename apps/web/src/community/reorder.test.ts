import { describe, expect, it } from 'vitest';
import { applyDrop, reorderMoves, sidebarOrder } from './reorder.ts';

type C = { id: string; type: 'text' | 'voice' | 'category'; position: number; parent_id: string | null };
const channels: C[] = [
  { id: '1', type: 'text', position: 0, parent_id: null }, // general
  { id: '2', type: 'category', position: 1, parent_id: null }, // Info
  { id: '3', type: 'text', position: 2, parent_id: '2' }, // rules
  { id: '4', type: 'text', position: 3, parent_id: '2' }, // news
  { id: '5', type: 'category', position: 4, parent_id: null }, // Voice
  { id: '6', type: 'voice', position: 5, parent_id: '5' },
];
const ids = (l: { id: string }[]) => l.map((c) => c.id).join(',');

describe('channel reorder', () => {
  it('orders loose channels first, then each category with its channels', () => {
    const shuffled = [channels[5]!, channels[3]!, channels[0]!, channels[4]!, channels[2]!, channels[1]!];
    expect(ids(sidebarOrder(shuffled))).toBe('1,2,3,4,5,6');
  });

  it('moving a channel within a category sends one call with only the changed channels', () => {
    const after = applyDrop(channels, '4', { kind: 'before', targetId: '3' });
    expect(ids(after)).toBe('1,2,4,3,5,6');
    expect(reorderMoves(channels, after)).toEqual([
      { id: '4', position: 2, parent_id: '2' },
      { id: '3', position: 3, parent_id: '2' },
    ]);
  });

  it('dropping a channel on a category puts it last in that category', () => {
    const after = applyDrop(channels, '1', { kind: 'into', categoryId: '5' });
    expect(ids(after)).toBe('2,3,4,5,6,1');
    expect(after.find((c) => c.id === '1')!.parent_id).toBe('5');
    const moves = reorderMoves(channels, after);
    expect(moves.find((m) => m.id === '1')).toEqual({ id: '1', position: 5, parent_id: '5' });
  });

  it('a channel dropped before a loose channel leaves its category', () => {
    const after = applyDrop(channels, '3', { kind: 'before', targetId: '1' });
    expect(ids(after)).toBe('3,1,2,4,5,6');
    expect(after[0]!.parent_id).toBeNull();
  });

  it('a category moves with its channels', () => {
    const after = applyDrop(channels, '5', { kind: 'before', targetId: '2' });
    expect(ids(after)).toBe('1,5,6,2,3,4');
    expect(after.find((c) => c.id === '6')!.parent_id).toBe('5');
  });

  it('dropping in place changes nothing', () => {
    expect(reorderMoves(channels, applyDrop(channels, '3', { kind: 'before', targetId: '4' }))).toEqual([]);
  });
});
