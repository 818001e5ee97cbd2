/**
 * A process that dies in the middle of an approval or an undo leaves its decision for the next one
 * to settle (triage's recovery); the change reaches GitHub exactly when the decision is recorded,
 * once. The crash is simulated with triage's checkpoint seam, throwing where a kill would land.
 */
import { describe, expect, it } from 'vitest';
import type { DecisionStep } from '../../src/triage/apply-decision.js';
import { publishFixtures } from '../helpers/publish.js';

const BRANCH = 'curator/additions';
const fixture = publishFixtures();

/** A fixture whose next decision "crashes" at `step` (only once), publishing only when asked. */
async function crashingAt(step: DecisionStep) {
  let armed = true;
  return fixture({
    publishing: { publishOnChange: false },
    triage: {
      checkpoint: (at) => {
        if (armed && at === step) {
          armed = false;
          throw new Error(`crash at ${at}`);
        }
      },
    },
  });
}

describe('publishing across a crash in the middle of a decision', () => {
  it('an approval cut off before the list was written is rolled back, and nothing is published', async () => {
    const f = await crashingAt('intent-recorded');
    const a = f.triage.candidate('2604.00001', 'First Paper');
    await expect(f.triage.service.approve(String(a.id), undefined, 'console:alice')).rejects.toThrow(/crash/);
    await f.restart();
    await f.triage.service.recover();
    await f.publishing.drain();
    expect(f.triage.store.candidate(a.id)!.status).toBe('pending');
    expect(f.publishing.store.list()).toEqual([]);
    expect(f.github.find('PUT', /\/contents\//)).toEqual([]);
  });

  for (const step of ['list-written', 'decision-recorded'] as const) {
    it(`an approval cut off at ${step} is published once, when recovery has settled it`, async () => {
      const f = await crashingAt(step);
      const a = f.triage.candidate('2604.00001', 'First Paper');
      await expect(f.triage.service.approve(String(a.id), undefined, 'console:alice')).rejects.toThrow(/crash/);
      await f.restart();
      await f.triage.service.recover();
      await f.publishing.drain();
      await f.publishing.drain();
      expect(f.triage.store.candidate(a.id)!.status).toBe('approved');
      expect(f.publishing.store.list()).toMatchObject([{ action: 'add', state: 'published' }]);
      expect(f.github.commitsAhead(BRANCH)).toHaveLength(1);
      expect(f.github.file(BRANCH)).toBe(f.triage.text());
    });
  }

  it('an undo cut off after its line was removed is published once, when recovery has finished it', async () => {
    const f = await crashingAt('line-removed');
    const a = f.triage.candidate('2604.00001', 'First Paper');
    await f.triage.service.approve(String(a.id), undefined, 'console:alice');
    await f.publishing.drain();
    await expect(f.triage.service.undo(String(a.id), 'console:alice')).rejects.toThrow(/crash/);
    await f.restart();
    await f.triage.service.recover();
    await f.publishing.drain();
    expect(f.publishing.store.list().map((p) => [p.action, p.state])).toEqual([
      ['add', 'published'],
      ['remove', 'published'],
    ]);
    expect(f.github.commitsAhead(BRANCH)).toHaveLength(2);
    expect(f.github.file(BRANCH)).toBe(f.triage.text());
  });
});
