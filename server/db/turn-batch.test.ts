// The turn batcher: what one turn asks for is loaded together, once per key, in parts of at most
// maxBatch; failures reach every caller of their part; later turns make new batches.
import { describe, expect, it } from 'vitest';
import { turnBatcher } from './turn-batch.js';

const squares = (calls: number[][]) => async (keys: number[]) => {
  calls.push(keys);
  return new Map(keys.filter((k) => k >= 0).map((k) => [k, k * k]));
};

describe('turnBatcher', () => {
  it('loads the keys of one turn in one call, each key once, and the missing value for keys not found', async () => {
    const calls: number[][] = [];
    const get = turnBatcher(squares(calls), -1);
    const answers = await Promise.all([get(2), get(3), get(2), get(-5)]);
    expect(answers).toEqual([4, 9, 4, -1]);
    expect(calls).toEqual([[2, 3, -5]]);
  });

  it('makes a new batch for a later turn', async () => {
    const calls: number[][] = [];
    const get = turnBatcher(squares(calls), -1);
    expect(await get(1)).toBe(1);
    expect(await Promise.all([get(1), get(4)])).toEqual([1, 16]);
    expect(calls).toEqual([[1], [1, 4]]);
  });

  it('splits a turn into parts of at most maxBatch keys', async () => {
    const calls: number[][] = [];
    const get = turnBatcher(squares(calls), -1, 3);
    const answers = await Promise.all(Array.from({ length: 7 }, (_, i) => get(i)));
    expect(answers).toEqual([0, 1, 4, 9, 16, 25, 36]);
    expect(calls).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
  });

  it('rejects every caller of a part whose load fails, whether it rejects or throws', async () => {
    const rejecting = turnBatcher<number, number>(() => Promise.reject(new Error('database away')), -1);
    const results = await Promise.allSettled([rejecting(1), rejecting(2), rejecting(1)]);
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : 'resolved'))).toEqual(['database away', 'database away', 'database away']);
    const throwing = turnBatcher<number, number>(() => {
      throw new Error('bad statement');
    }, -1);
    await expect(throwing(1)).rejects.toThrow('bad statement');
  });
});
