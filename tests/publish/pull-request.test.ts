import { describe, expect, it } from 'vitest';
import { lineDiff } from '../helpers/line-diff.js';
import { publishFixtures } from '../helpers/publish.js';
import { SEED } from '../helpers/triage.js';

const BRANCH = 'curator/additions';
const fixture = publishFixtures();

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
    expect(pull.body).toContain('- [ ] **Prompting Vision-Language Models at Scale** · [arXiv 2604.00001](https://arxiv.org/abs/2604.00001) · Vision-Language Pre-training Methods › Pre-training with Contrastive Objective · approved by `the console operator`');
    expect(f.github.unexpected).toEqual([]);
  });

  it('collects later approvals in the same pull request, one commit each, and keeps its checklist current', async () => {
    const f = await fixture();
    const a = f.triage.candidate('2604.00001', 'First Paper');
    const b = f.triage.candidate('2604.00002', 'Second Paper', [['Vision-Language Model Transfer Learning Methods', 'Transfer with Prompt Tuning', 'Transfer with Text Prompt Tuning']]);
    await f.approve(a.id, 'discord:111');
    await f.approve(b.id, 'slack:U222');

    const commits = f.github.commitsAhead(BRANCH);
    expect(commits).toHaveLength(2);
    for (const commit of commits) {
      const { before, after } = f.github.change(commit);
      expect(lineDiff(before, after)).toMatchObject({ removed: [], added: [expect.stringContaining('arxiv.org/abs/2604.0000')] });
    }
    expect(commits[0]!.message).toBe('Add “Second Paper” (arXiv 2604.00002) to Vision-Language Model Transfer Learning Methods › Transfer with Prompt Tuning › Transfer with Text Prompt Tuning\n\nApproved in chat by slack:U222.');
    expect(f.github.file(BRANCH)).toBe(f.triage.text());
    expect(f.github.state.pulls).toHaveLength(1);
    const pull = f.github.state.pulls[0]!;
    expect(pull.title).toBe('vlm-curator: add 2 papers approved in chat');
    expect(pull.body.match(/^- \[ \] /gm)).toHaveLength(2);
    expect(pull.body).toMatch(/First Paper.*approved by `discord:111`[\s\S]*Second Paper.*approved by `slack:U222`/);
  });

  it('removes the line with another commit when the approval is undone, and drops it from the checklist', async () => {
    const f = await fixture();
    const a = f.triage.candidate('2604.00001', 'First Paper');
    const b = f.triage.candidate('2604.00002', 'Second Paper');
    await f.approve(a.id);
    await f.approve(b.id);
    const line = f.triage.store.candidate(a.id)!.decidedLine!;
    await f.undo(a.id, 'discord:333');

    const commits = f.github.commitsAhead(BRANCH);
    expect(commits).toHaveLength(3);
    const { before, after } = f.github.change(commits[0]!);
    expect(lineDiff(before, after)).toMatchObject({ removed: [line], added: [] });
    expect(commits[0]!.message).toMatch(/^Remove “First Paper” \(arXiv 2604\.00001\) from .*\n\nApproval undone in chat by discord:333\.$/);
    expect(f.github.file(BRANCH)).toBe(f.triage.text());
    const pull = f.github.state.pulls[0]!;
    expect(pull.body).not.toContain('First Paper');
    expect(pull.body).toContain('Second Paper');
    expect(pull.title).toBe('vlm-curator: add 1 paper approved in chat');
  });

  it('keeps the boxes a maintainer ticked when it rewrites the checklist; escapes titles so they neither format nor ping', async () => {
    const f = await fixture();
    const a = f.triage.candidate('2604.00001', 'First Paper');
    await f.approve(a.id);
    const pull = f.github.state.pulls[0]!;
    pull.body = pull.body.replace('- [ ] **First Paper**', '- [x] **First Paper**');
    const b = f.triage.candidate('2604.00002', 'Ask @octocat about *CLIP* <b>now</b>');
    await f.approve(b.id);
    expect(pull.body).toContain('- [x] **First Paper**');
    expect(pull.body).toContain('- [ ] **Ask @\u200boctocat about \\*CLIP\\* \\<b\\>now\\</b\\>**');
  });

  it('starts a fresh branch from the new base head once the pull request was merged', async () => {
    const f = await fixture({ github: { deleteBranchOnMerge: true } });
    const a = f.triage.candidate('2604.00001', 'First Paper');
    await f.approve(a.id);
    f.github.merge(1);
    // A maintainer's own change on main after the merge.
    const mainText = f.github.file('main')!.replace('## Abstract', '## Abstract (maintained)');
    f.github.commit('main', mainText, 'Tweak the title');

    const b = f.triage.candidate('2604.00002', 'Second Paper');
    await f.approve(b.id);
    expect(f.github.state.pulls.map((p) => [p.number, p.state, p.merged])).toEqual([
      [1, 'closed', true],
      [2, 'open', false],
    ]);
    expect(f.github.state.pulls[1]!.head).toBe(BRANCH);
    const commits = f.github.commitsAhead(BRANCH);
    expect(commits).toHaveLength(1);
    expect(commits[0]!.parents[0]).toBe(f.github.state.branches.get('main'));
    const { before, after } = f.github.change(commits[0]!);
    expect(lineDiff(before, after)).toMatchObject({ removed: [], added: [f.triage.store.candidate(b.id)!.decidedLine] });
    expect(f.github.state.pulls[1]!.body).not.toContain('First Paper');
  });

  it('uses the next free branch name when a closed pull request left curator/additions behind', async () => {
    const f = await fixture();
    const a = f.triage.candidate('2604.00001', 'First Paper');
    await f.approve(a.id);
    f.github.closePull(1);
    const b = f.triage.candidate('2604.00002', 'Second Paper');
    await f.approve(b.id);

    expect(f.github.state.pulls[1]).toMatchObject({ number: 2, head: `${BRANCH}-2`, base: 'main', state: 'open' });
    const commits = f.github.commitsAhead(`${BRANCH}-2`);
    expect(commits).toHaveLength(1);
    expect(commits[0]!.parents[0]).toBe(f.github.state.branches.get('main'));
    // The closed pull request's line is not carried over: the fresh branch has only the new one.
    expect(f.github.file(`${BRANCH}-2`)).not.toContain('2604.00001');
    expect(f.triage.log.lines.some((l) => l.msg.includes('left from a merged or closed pull request'))).toBe(true);
  });

  it('redoes the change on fresh content when someone committed to the branch between our read and our write (409)', async () => {
    const f = await fixture();
    const a = f.triage.candidate('2604.00001', 'First Paper');
    await f.approve(a.id);
    const b = f.triage.candidate('2604.00002', 'Second Paper');
    const theirs = f.github.file(BRANCH)!.replace('## Abstract', '## Abstract (edited in the pull request)');
    f.github.beforeNext('PUT', /\/contents\//, () => f.github.commit(BRANCH, theirs, 'A maintainer edits the branch'));
    await f.approve(b.id);

    expect(f.github.find('PUT', /\/contents\//).map((r) => r.status)).toEqual([200, 409, 200]);
    const commits = f.github.commitsAhead(BRANCH);
    expect(commits.map((c) => c.message.split('\n')[0])).toEqual(['Add “Second Paper” (arXiv 2604.00002) to Vision-Language Pre-training Methods › Pre-training with Contrastive Objective', 'A maintainer edits the branch', 'Add “First Paper” (arXiv 2604.00001) to Vision-Language Pre-training Methods › Pre-training with Contrastive Objective']);
    const { before, after } = f.github.change(commits[0]!);
    expect(before).toBe(theirs);
    expect(lineDiff(before, after)).toMatchObject({ removed: [], added: [f.triage.store.candidate(b.id)!.decidedLine] });
  });

  it('continues an open pull request of curator/additions that its database does not know (no second pull request)', async () => {
    const f = await fixture();
    const main = f.github.state.branches.get('main')!;
    f.github.state.branches.set(BRANCH, main);
    f.github.commit(BRANCH, f.github.file('main')!.replace('## Abstract', '## Abstract!'), 'An earlier change');
    f.github.state.openPull({ title: 'Earlier', body: 'earlier body', head: BRANCH, base: 'main' });

    const a = f.triage.candidate('2604.00001', 'First Paper');
    await f.approve(a.id);
    expect(f.github.state.pulls).toHaveLength(1);
    expect(f.github.commitsAhead(BRANCH)).toHaveLength(2);
    expect(f.github.state.pulls[0]!.body).toContain('First Paper');
  });

  it('commits nothing, and opens no pull request, for a paper GitHub already lists', async () => {
    const f = await fixture();
    const a = f.triage.candidate('2604.00001', 'First Paper');
    // Added on GitHub by hand; the local copy has not synced it yet.
    const row = '|[First Paper](https://arxiv.org/abs/2604.00001)|CVPR 2026||';
    const text = f.github.file('main')!;
    const table = text.indexOf('\n', text.indexOf('|[', text.indexOf('### Pre-training with Contrastive Objective')));
    f.github.commit('main', text.slice(0, table + 1) + row + '\n' + text.slice(table + 1), 'Add First Paper by hand');

    await f.approve(a.id);
    expect(f.triage.text()).toContain('2604.00001');
    expect(f.github.commitsAhead(BRANCH)).toEqual([]);
    expect(f.github.state.pulls).toEqual([]);
    expect(f.publishing.store.list()).toMatchObject([{ state: 'published' }]);
    expect(f.publishing.store.list()[0]!.commitSha).toBeUndefined();
  });

  it('marks a change whose section GitHub’s list does not have as failed, says so, and goes on with the next', async () => {
    const f = await fixture();
    const gone = f.github.file('main')!.replace('### Pre-training with Contrastive Objective', '### Contrastive pre-training (renamed on GitHub)');
    f.github.commit('main', gone, 'Rename a section');
    const a = f.triage.candidate('2604.00001', 'First Paper');
    const b = f.triage.candidate('2604.00002', 'Second Paper', [['Vision-Language Pre-training Methods', 'Pre-training with Generative Objective']]);
    await f.approve(a.id);
    await f.approve(b.id);

    expect(f.publishing.store.list().map((p) => [p.arxivId, p.state])).toEqual([
      ['2604.00001', 'failed'],
      ['2604.00002', 'published'],
    ]);
    expect(f.triage.log.lines.find((l) => l.level === 'error')?.msg).toMatch(/cannot be made on GitHub/);
    expect(f.github.commitsAhead(BRANCH)).toHaveLength(1);
  });
});
