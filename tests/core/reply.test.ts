import { describe, expect, it } from 'vitest';
import { scoreLabel } from '../../src/core/reply.js';

describe('scores as people read them', () => {
  it('are whole percentages that never round up to 100 %', () => {
    expect([0, 0.004, 0.5, 0.874, 0.99, 0.995, 0.9999, 1].map(scoreLabel)).toEqual(['0%', '0%', '50%', '87%', '99%', '99%', '99%', '100%']);
  });
});
