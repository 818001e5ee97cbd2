import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ConsoleNewsPublisher } from '../../src/adapters/console/publisher.js';
import { loadConfig } from '../../src/config.js';
import { WatchService } from '../../src/watch/watch-service.js';
import type { PaperScorer } from '../../src/watch/poll.js';
import { dbPath, openDatabase } from '../../src/db/database.js';
import { TriageService } from '../../src/triage/triage-service.js';
import { testBot } from '../helpers/bot.js';
import { serveFeed, startFeedServer, type FeedServer } from '../helpers/feed-server.js';
import { readShared } from '../helpers/fixtures.js';
import { lineDiff } from '../helpers/line-diff.js';
import { assessment, paper, SECTIONS, SEED } from '../helpers/triage.js';

const API_RESPONSE = readShared('arxiv/api-atom-2021.xml');

/** Scores everything 0.42 with the usual three suggestions. */
const scorer: PaperScorer = { score: () => ({ ...assessment(), score: 0.42, candidate: false }) };

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

/** The console bot with the arXiv watch and triage running over a private list and database. */
async function consoleWithTriage() {
  const t = await testBot();
  const server: FeedServer = await startFeedServer({ '/api/query': serveFeed(API_RESPONSE, { contentType: 'application/atom+xml' }) });
  const config = loadConfig({ DATA_DIR: t.tmp.path('data'), SURVEY_PATH: t.tmp.path('survey.md'), FEED_MIN_INTERVAL_MS: '0', ARXIV_API_URL: server.url('/api/query') }, t.tmp.dir);
  const db = openDatabase(dbPath(config.dataDir));
  const watch = new WatchService({ db, catalogue: t.bot.catalogue, settings: config.feed, timezone: config.timezone, log: t.log, createScorer: () => scorer });
  const news = new PassThrough();
  let printed = '';
  news.on('data', (d: Buffer) => (printed += d));
  const triage = new TriageService({ db, catalogue: t.bot.catalogue, publishers: [new ConsoleNewsPublisher(news)], approvalsRequired: 1, gitCommit: false, reconcileIntervalMs: 0, log: t.log, feedback: (f) => watch.addFeedback(f), papers: watch });
  t.bot.services.watch = watch;
  t.bot.services.triage = triage;
  await triage.start();
  cleanup.push(async () => {
    await triage.stop();
    await watch.close();
    await server.close();
    t.tmp.cleanup();
  });
  const store = watch.store;
  const add = (id: string, title: string, score = 0.9) => store.addCandidate(paper(id, title), { ...assessment(), score }, 'test', Date.now()).candidate;
  return { ...t, store, triage, server, add, list: () => readFileSync(t.tmp.path('survey.md'), 'utf8'), printed: () => printed };
}

describe('/vlm pending and /vlm triage in the console', () => {
  it('pending lists open candidates best first, each by the one number triage takes, sections marked as the reactions are, paged', async () => {
    const b = await consoleWithTriage();
    for (let i = 1; i <= 7; i++) b.add(`2604.0000${i}`, `Paper number ${i}`, i / 10);
    const out = await b.ask('pending');
    expect(out).toMatch(/^7 pending candidates/);
    expect(out.indexOf('Paper number 7')).toBeLessThan(out.indexOf('Paper number 6'));
    expect(out).toContain('#7 Paper number 7\n   arXiv 2604.00007 · score 70%');
    expect(out).toContain(`1️⃣ ${SECTIONS.contrastive.join(' › ')}`);
    expect(out).toContain(`2️⃣ ${SECTIONS.textPrompt.join(' › ')}`);
    // No list positions beside the ids: "1." would read like `triage approve 1`.
    expect(out).not.toMatch(/^\d+\. /m);
    expect(out).toContain('triage approve 7 adds #7 to its first suggested section');
    expect(out).toMatch(/Page 1\/2/);
  });

  it('approve <id> writes one row into the first suggested table; the list and index update at once', async () => {
    const b = await consoleWithTriage();
    const c = b.add('2604.01234', 'PromptX: Better Prompts for CLIP');
    const out = await b.ask(`triage approve ${c.id}`);
    expect(out).toMatch(/^Approved #1: PromptX/);
    expect(out).toContain('Line added: |[PromptX: Better Prompts for CLIP](https://arxiv.org/abs/2604.01234)|arXiv 2026||');
    expect(lineDiff(SEED, b.list())).toMatchObject({ removed: [], added: ['|[PromptX: Better Prompts for CLIP](https://arxiv.org/abs/2604.01234)|arXiv 2026||'] });
    expect(await b.ask('paper 2604.01234')).toContain('Pre-training with Contrastive Objective');
    expect(b.store.candidate(c.id)).toMatchObject({ status: 'approved', decidedBy: ['console:console'] });
    expect(await b.ask(`triage approve ${c.id}`)).toMatch(/^! #1 is already approved by the console operator into .*Contrastive Objective/);
  });

  it('approve takes the arXiv id and a section by rank, name or path', async () => {
    const b = await consoleWithTriage();
    b.add('2604.00001', 'One');
    b.add('2604.00002', 'Two');
    b.add('2604.00003', 'Three');
    expect(await b.ask('triage approve 2604.00001 2')).toContain(`Added to ${SECTIONS.textPrompt.join(' › ')}`);
    expect(await b.ask('triage approve https://arxiv.org/abs/2604.00002v3 generative objective')).toContain(`Added to ${SECTIONS.generative.join(' › ')}`);
    expect(await b.ask(`triage approve #3 ${SECTIONS.textPrompt.join(' › ')}`)).toContain(`Added to ${SECTIONS.textPrompt.join(' › ')}`);
    expect(await b.ask('triage approve 2604.00009')).toMatch(/There is no candidate “2604.00009”/);
    b.add('2604.00004', 'Four');
    expect(await b.ask('triage approve 4 7')).toMatch(/no suggested section 7/);
    expect(b.store.candidate(4)!.status).toBe('pending');
  });

  it('reject, and undo of a rejection and of an approval (the file byte for byte as before)', async () => {
    const b = await consoleWithTriage();
    const a = b.add('2604.00001', 'To approve');
    const r = b.add('2604.00002', 'To reject');
    expect(await b.ask(`triage reject ${r.id}`)).toMatch(/^Rejected #2: To reject/);
    expect(b.store.candidate(r.id)!.status).toBe('rejected');
    expect(await b.ask(`triage undo ${r.id}`)).toMatch(/^Undone: #2 is pending again/);
    expect(b.store.candidate(r.id)!.status).toBe('pending');

    await b.ask(`triage approve ${a.id}`);
    const undo = await b.ask(`triage undo ${a.id}`);
    expect(undo).toContain('Line removed: |[To approve](https://arxiv.org/abs/2604.00001)|arXiv 2026||');
    expect(b.list()).toBe(SEED);
    expect(await b.ask(`triage undo ${a.id}`)).toMatch(/#1 is pending: there is no decision to undo/);
    expect(await b.ask(`triage reject ${a.id} 2`)).toMatch(/takes no section/);
  });

  it('is for maintainers only', async () => {
    const b = await consoleWithTriage();
    b.add('2604.00001', 'One');
    const reply = await b.bot.registry.runLine('triage approve 1', b.bot.context({ platform: 'slack', id: 'U0RANDOM01', isMaintainer: false }));
    expect(reply).toMatchObject({ status: 'user-error', errorCode: 'not-maintainer' });
    expect(b.list()).toBe(SEED);
  });
});

describe('/vlm suggest', () => {
  it('says when the list already has the paper (by arXiv id)', async () => {
    const b = await consoleWithTriage();
    expect(await b.ask('suggest https://arxiv.org/abs/2109.01134')).toMatch(/^Already listed\n.*CoOp.*Transfer with Text Prompt Tuning/s);
    expect(b.server.requests).toHaveLength(0);
  });

  it('fetches a new paper from the arXiv API, scores it, adds it and posts it once to the News channel', async () => {
    const b = await consoleWithTriage();
    const out = await b.ask('suggest arXiv:1602.05902');
    expect(b.server.requests.map((r) => r.url)).toEqual(['/api/query?id_list=1602.05902']);
    expect(out).toMatch(/^Suggested: Dark Radiation and Inflationary Freedom/);
    expect(out).toContain('Candidate #1, score 42%. Posted to the News channel (console)');
    const c = b.store.candidateByArxivId('1602.05902')!;
    expect(c).toMatchObject({ status: 'pending', source: 'suggest', score: 0.42 });
    expect(b.triage.outbox.messagesFor(c.id).map((m) => m.kind)).toEqual(['digest-header', 'candidate']);
    expect(b.printed()).toContain('Suggested by console:console');
    expect(b.printed()).toContain('[✅ ❌ 1️⃣ 2️⃣ 3️⃣]');
    // The next digest does not post it again.
    expect(b.store.undigested().map((x) => x.id)).not.toContain(c.id);

    expect(await b.ask('suggest 1602.05902')).toMatch(/^Already a candidate: #1/);
    expect(await b.ask('pending')).toContain('Dark Radiation and Inflationary Freedom');
  });

  it('explains an id that is not one', async () => {
    const b = await consoleWithTriage();
    expect(await b.ask('suggest not-an-id')).toMatch(/is not an arXiv id or link/);
  });
});

describe('/vlm similar for a paper the list does not have', () => {
  it('reads it from the arXiv API and compares its title and abstract with the list', async () => {
    const b = await consoleWithTriage();
    const out = await b.ask('similar 1602.05902');
    expect(b.server.requests.map((r) => r.url)).toEqual(['/api/query?id_list=1602.05902']);
    // The title can only come from the API response: the paper itself was compared.
    expect(out).toContain('Dark Radiation and Inflationary Freedom');
    expect(out).not.toMatch(/not in the list/);
  });

  it('answers from the database, without a request, for a paper that is already a candidate', async () => {
    const b = await consoleWithTriage();
    b.add('2604.00077', 'Prompt learning for CLIP few-shot classification');
    expect(await b.ask('similar 2604.00077')).toMatch(/^Nearest to Prompt learning for CLIP few-shot classification\n\n1\. /);
    expect(b.server.requests).toHaveLength(0);
  });
});
