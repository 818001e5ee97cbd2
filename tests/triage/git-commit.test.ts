import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/fixtures.js';
import { SEED, triageFixture, type TriageFixture } from '../helpers/triage.js';

describe('GIT_COMMIT=true with the list in a git work tree', () => {
  let t: TriageFixture | undefined;
  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  it('commits each approval and undo, only the list, naming the paper, the section and who decided', async () => {
    const dir = tempDir({ 'survey.md': SEED, '.gitignore': 'data/\n' });
    const git = (...args: string[]) => execFileSync('git', ['-C', dir.dir, ...args], { encoding: 'utf8' });
    git('init', '-q');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'the list');
    t = await triageFixture({ dir, gitCommit: true });
    const c = t.candidate('2604.01234', 'PromptX: Better Prompts for CLIP');

    await t.service.approve(String(c.id), '2', 'discord:42');
    expect(git('log', '-1', '--format=%B').trim()).toBe(
      'Add “PromptX: Better Prompts for CLIP” (arXiv 2604.01234) to Vision-Language Model Transfer Learning Methods › Transfer with Prompt Tuning › Transfer with Text Prompt Tuning\n\nApproved by discord:42.',
    );
    expect(git('show', '--numstat', '--format=', 'HEAD').trim()).toBe('1\t0\tsurvey.md');
    expect(git('status', '--porcelain')).toBe('');

    await t.service.undo('2604.01234', 'slack:U0MAINT01');
    expect(git('log', '-1', '--format=%s')).toMatch(/^Remove “PromptX: Better Prompts for CLIP” \(arXiv 2604.01234\) from .*Text Prompt Tuning\n$/);
    expect(git('log', '-1', '--format=%b')).toContain('Approval undone by slack:U0MAINT01.');
    expect(git('diff', 'HEAD~2', '--stat')).toBe('');
  });
});
