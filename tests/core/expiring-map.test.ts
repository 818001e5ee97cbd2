import { describe, expect, it } from 'vitest';
import { ExpiringMap } from '../../src/core/expiring-map.js';

describe('ExpiringMap', () => {
  it('forgets an entry once its time is up', () => {
    let now = 0;
    const map = new ExpiringMap<string>(1000, 10, () => now);
    map.set('a', 'x');
    now = 999;
    expect(map.get('a')).toBe('x');
    now = 1000;
    expect(map.get('a')).toBeUndefined();
    expect(map.size).toBe(0);
  });

  it('keeps at most `capacity` entries, dropping the oldest first', () => {
    const map = new ExpiringMap<number>(1000, 2, () => 0);
    map.set('a', 1);
    map.set('b', 2);
    map.set('c', 3);
    expect([map.get('a'), map.get('b'), map.get('c')]).toEqual([undefined, 2, 3]);
  });

  it('setting a key again starts its lifetime again and makes it the newest', () => {
    let now = 0;
    const map = new ExpiringMap<number>(1000, 2, () => now);
    map.set('a', 1);
    map.set('b', 2);
    now = 500;
    map.set('a', 3);
    map.set('c', 4);
    expect([map.get('a'), map.get('b'), map.get('c')]).toEqual([3, undefined, 4]);
    now = 1200;
    expect(map.get('a')).toBe(3);
  });
});
