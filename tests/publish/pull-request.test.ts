import { afterEach, describe, expect, it } from 'vitest';
import { lineDiff } from '../helpers/line-diff.js';
import { publishFixture } from '../helpers/publish.js';
import { SEED } from '../helpers/triage.js';

const BRANCH = 'curator/additions';
const fixtures: Awaited<ReturnType<typeof publishFixture>>[] = [];
afterEach(async () => {
  for (const f of fixtures.splice(0)) await f.cleanup();
});
async function fixture(options?: Parameters<typeof publishFixture>[0]) {
  const f = await publishFixture(options);
  fixtures.push(f);
  return f;
}

describe('LIST_PUBLISH=pr: an approval becomes a one-line commit in the pull request', () => {
  it('writes the row locally and commits exactly that line to curator/additions, opening one pull request with a checklist', async () => {
    const f = await fixture();
    const c = f.triage.candidate('2604.00001', 'Prompting Vision-Language Models at Scale');
    const result = await f.approve(c.id);
    expect(result.status).toBe('approved');

    const local = lineDiff(SEED, f.triage.text());
    expect(local.removed).toEqual([]);
    expect(local.added).toHaveLength(1);
    const line = local.added[0]!;

    const commits = f.github.commitsAhead(BRANCH);
    expect(commits).toHaveLength(1);
    const diff = lineDiff(f.github.change(commits[0]!).before, f.github.change(commits[0]!).after);
    expect(diff).toEqual({ removed: [], added: [line], at: local.at });
    expect(f.github.file(BRANCH)).toBe(f.triage.text());

    expect(f.github.state.pulls).toHaveLength(1);
    const pull = f.github.state.pulls[0]!;
    expect(pull).toMatchObject({ head: BRANCH, base: 'main', state: 'open' });
    expect(pull.body).toContain('- [ ] **Prompting Vision-Language Models at Scale** · [arXiv 2604.00001](https://arxiv.org/abs/2604.00001) · Vision-Language Pre-training Methods › Pre-training with Contrastive Objective · approved by `console:alice`');
    expect(f.github.unexpected).toEqual([]);
  });
});
