import { openCatalogue } from '../search/live-catalogue.js';
import type { PaperOutcome, PollReport } from '../watch/poll.js';
import { WatchService } from '../watch/watch-service.js';
import { dbPath, memoryDatabase, openDatabase } from '../db/database.js';
import { ListPublishing } from '../publish/list-publishing.js';
import { TriageService } from '../triage/triage-service.js';
import { scoreLabel } from '../core/reply.js';
import type { CliCommand } from './types.js';

/**
 * One line of `curator poll --json`. Scripts depend on these names: change them only with a new
 * major version.
 */
export interface PollJsonLine {
  arxivId: string;
  title: string;
  score: number;
  candidate: boolean;
  sections: { path: string[]; score: number }[];
  reasons: string[];
}

export const pollCommand: CliCommand = {
  usage: 'poll [--feed URL|FILE] [--dry-run] [--json] [--all]',
  summary: 'Poll the arXiv feeds once: drop listed/seen papers, score the rest, record candidates.',
  flags: {
    feed: { type: 'string', multiple: true },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
    all: { type: 'boolean' },
  },
  async run({ config, log, values, stdout }) {
    const dryRun = values['dry-run'] === true;
    const feeds = (values.feed as string[] | undefined) ?? config.feed.urls;
    const catalogue = await openCatalogue(config.surveyPath, { log, lock: { staleMs: config.list.lockStaleMs } });
    // A dry run works on a private in-memory database: it writes nothing, and since it has no
    // history every new paper in the feed is scored (nothing counts as seen, no 304).
    const db = dryRun ? memoryDatabase() : openDatabase(dbPath(config.dataDir));
    // --all shows papers below the threshold too, so explain them too.
    const watch = new WatchService({ db, catalogue, settings: config.feed, timezone: config.timezone, log, explainAll: values.all === true });
    try {
      // A decision a crashed process left half-way is settled before the list is read for dedupe.
      // With LIST_PUBLISH=pr, an approval it finishes is queued for GitHub (the bot publishes it).
      const publishing = dryRun ? undefined : ListPublishing.forConfig(config, { db, catalogue, log, publishOnChange: false });
      if (!dryRun) await new TriageService({ db, catalogue, ...config.triage, log, ...(publishing && { onListChange: publishing.onListChange }) }).recover();
      const report = await watch.poll(feeds);
      const shown = report.papers.filter((o) => (values.all ? o.result !== undefined : o.status === 'candidate'));
      if (values.json) for (const o of shown) stdout.write(JSON.stringify(toJsonLine(o)) + '\n');
      else stdout.write(renderReport(report, shown, dryRun));
      return report.failed ? 1 : 0;
    } finally {
      await watch.close();
    }
  },
};

/** The scored paper as one `--json` line (exactly the documented fields, in order). */
export function toJsonLine(o: PaperOutcome): PollJsonLine {
  const r = o.result!;
  return {
    arxivId: o.paper.arxivId,
    title: o.paper.title,
    score: r.score,
    candidate: r.candidate,
    sections: r.sections.map((s) => ({ path: [...s.path], score: s.score })),
    reasons: [...r.reasons],
  };
}

function renderReport(report: PollReport, shown: readonly PaperOutcome[], dryRun: boolean): string {
  const out: string[] = [];
  for (const f of report.feeds) {
    if (f.outcome === 'error') out.push(`${f.feed}: failed — ${f.error?.message}`);
    else if (f.outcome === 'not-modified') out.push(`${f.feed}: not modified since the last poll, nothing new`);
    else {
      const by = (s: string) => f.papers.filter((o) => o.status === s).length;
      out.push(
        `${f.feed}: ${f.papers.length} papers — ${by('candidate')} candidates, ${by('below-threshold')} below threshold, ` +
          `${by('listed')} already listed, ${by('seen')} seen before, ${by('not-new')} replacements${by('cross-list-off') ? `, ${by('cross-list-off')} cross-lists skipped` : ''}`,
      );
    }
  }
  if (shown.length) out.push('');
  for (const o of [...shown].sort((a, b) => b.result!.score - a.result!.score)) {
    const section = o.result!.sections[0]?.path.join(' › ');
    out.push(`${scoreLabel(o.result!.score).padStart(4)} ${o.result!.candidate ? '✔' : ' '} ${o.paper.arxivId}  ${oneLine(o.paper.title)}${section ? `\n                  → ${section}` : ''}`);
  }
  if (dryRun) out.push('', '(dry run: nothing recorded)');
  return out.join('\n') + '\n';
}

/** Feed titles are untrusted: no control characters on the terminal. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]+/g, ' ');
}
