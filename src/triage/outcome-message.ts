/**
 * What a candidate's News message says once triage has acted on it: decided by whom, into which
 * section, and the line added — or, after an undo, the candidate again, open to votes.
 */
import { VOTE_EMOJI } from '../core/publisher.js';
import type { Reply } from '../core/reply.js';
import { candidateReply } from './candidate-message.js';
import type { CandidateRecord } from './store.js';

export type Outcome =
  | { kind: 'approved'; by: readonly string[]; section: readonly string[]; line: string }
  | { kind: 'rejected'; by: readonly string[] }
  /** An undo: the candidate is pending again. */
  | { kind: 'reopened'; by: readonly string[] }
  /** Approval was asked for but the list could not take it (e.g. the section has no table). */
  | { kind: 'not-applied'; reason: string };

/** The edited candidate message for `outcome`. Plain text throughout: renderers escape it. */
export function outcomeReply(c: CandidateRecord, outcome: Outcome): Reply {
  const ids = { name: 'arXiv', value: c.arxivId, inline: true };
  const number = { name: 'Candidate', value: `#${c.id}`, inline: true };
  const links = [{ label: 'arXiv', url: c.link }];
  switch (outcome.kind) {
    case 'approved':
      return {
        title: c.title,
        text: `${VOTE_EMOJI.approve.unicode} Approved by ${names(outcome.by)} — added to ${outcome.section.join(' › ')}.`,
        fields: [{ name: 'Line added', value: outcome.line }, ids, number],
        links,
      };
    case 'rejected':
      return { title: c.title, text: `${VOTE_EMOJI.reject.unicode} Rejected by ${names(outcome.by)}; not added to the list.`, fields: [ids, number], links };
    case 'reopened':
      return withNote(candidateReply(c), `↩ Decision undone by ${names(outcome.by)}: pending again. Earlier reactions no longer count — react again to decide.`);
    case 'not-applied':
      return withNote(candidateReply(c), `⚠ Not added: ${outcome.reason}`);
  }
}

function withNote(reply: Reply, note: string): Reply {
  return { ...reply, text: reply.text ? `${note}\n${reply.text}` : note };
}

function names(by: readonly string[]): string {
  return by.length ? by.join(', ') : 'a maintainer';
}
