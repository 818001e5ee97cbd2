import type { types } from '@slack/bolt';
import type { PageInfo, Reply, ReplyField, ReplyItem, ReplyLink } from '../../core/reply.js';
import { escapeText, link } from './escape.js';
import { fitText, SLACK_LIMITS, splitText } from './limits.js';

type Block = types.KnownBlock;

/** A Reply as Slack wants it: Block Kit blocks plus the plain `text` fallback (notifications, screen readers). */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/**
 * The paging buttons' `action_id`s. The button's `value` is the pager token (`<result>.<page>`),
 * so a click needs no state beyond the registry's pager.
 */
export const PAGE_ACTIONS = { prev: 'vlm_page_prev', next: 'vlm_page_next' } as const;

/** Matches both paging buttons (for `app.action`). */
export const PAGE_ACTION_PATTERN = /^vlm_page_(prev|next)$/;

/** Longest item title shown; titles are one line, the rest is in the linked page. */
const ITEM_TITLE_MAX = 300;

/** Room kept for the JSON around `text` and `blocks` when checking the message size. */
const ENVELOPE_CHARS = 200;

/**
 * Renders a Reply as Block Kit within Slack's limits (3,000 characters per section, 10 fields of
 * 2,000, a 150-character header, 50 blocks, 40,000 characters per message). Long text is split
 * into several sections at paragraph, line or word boundaries rather than cut; only a reply that
 * could not fit one message at all loses whole trailing blocks, and says so. Every text from the
 * list, users or arXiv is escaped (see escape.ts), so nothing in it becomes a link or a mention.
 */
export function renderReply(reply: Reply): SlackMessage {
  const text = fallbackText(reply);
  const body = [...headerBlocks(reply), ...textBlocks(reply), ...itemBlocks(reply), ...fieldBlocks(reply.fields ?? []), ...linkBlocks(reply.links ?? [])];
  const footer = reply.page ? pageBlocks(reply.page) : [];
  return { text, blocks: fitBlocks(body, footer, text.length) };
}

function mrkdwn(text: string): types.MrkdwnElement {
  // verbatim: Slack must not auto-link URLs or turn bare channel names into mentions in our text.
  return { type: 'mrkdwn', text, verbatim: true };
}

function plain(text: string): types.PlainTextElement {
  return { type: 'plain_text', text, emoji: true };
}

function sections(text: string): Block[] {
  return splitText(text, SLACK_LIMITS.sectionText).map((piece) => ({ type: 'section', text: mrkdwn(piece) }));
}

function headerBlocks(reply: Reply): Block[] {
  if (!reply.title?.trim()) return [];
  return [{ type: 'header', text: plain(fitText(escapeText(reply.title.replace(/\s+/g, ' ').trim()), SLACK_LIMITS.headerText)) }];
}

function textBlocks(reply: Reply): Block[] {
  const warn = reply.status === 'user-error' || reply.status === 'error' ? ':warning: ' : '';
  if (!reply.text?.trim()) return warn && !reply.title ? sections(`${warn}Something went wrong.`) : [];
  return sections(warn + escapeText(reply.text));
}

function itemBlocks(reply: Reply): Block[] {
  const first = reply.page ? (reply.page.page - 1) * reply.page.size : 0;
  return (reply.items ?? []).flatMap((item, i) => sections(itemText(item, item.marker ? escapeText(item.marker) : `${first + i + 1}.`)));
}

function itemText(item: ReplyItem, mark: string): string {
  const lines = [`*${mark} ${link(item.url, item.title.replace(/\s+/g, ' ').trim(), ITEM_TITLE_MAX)}*`];
  if (item.subtitle) lines.push(escapeText(item.subtitle));
  for (const d of item.details ?? []) lines.push(escapeText(d));
  if (item.links?.length) lines.push(linkLine(item.links));
  return lines.join('\n');
}

function linkLine(links: ReplyLink[]): string {
  return links.map((l) => link(l.url, l.label, 100)).join(' · ');
}

/** Short fields sit side by side (a section's `fields`); a long one gets sections of its own. */
function fieldBlocks(fields: ReplyField[]): Block[] {
  const blocks: Block[] = [];
  let row: types.MrkdwnElement[] = [];
  const flush = () => {
    if (row.length) blocks.push({ type: 'section', fields: row });
    row = [];
  };
  for (const f of fields) {
    const text = `*${fitText(escapeText(f.name), 200)}*\n${escapeText(f.value)}`;
    if (text.length <= SLACK_LIMITS.fieldText) {
      row.push(mrkdwn(text));
      if (row.length === SLACK_LIMITS.fields) flush();
    } else {
      flush();
      blocks.push(...sections(text));
    }
  }
  flush();
  return blocks;
}

function linkBlocks(links: ReplyLink[]): Block[] {
  return links.length ? sections(linkLine(links)) : [];
}

function pageBlocks(page: PageInfo): Block[] {
  const blocks: Block[] = [{ type: 'context', elements: [mrkdwn(`Page ${page.page} of ${page.pages} · ${page.total} results`)] }];
  const buttons: types.Button[] = [];
  const button = (actionId: string, label: string, token: string | undefined) => {
    // A token that would not fit a button's value cannot be offered (the pager's never are this long).
    if (token && token.length <= SLACK_LIMITS.buttonValue) buttons.push({ type: 'button', action_id: actionId, text: plain(label), value: token });
  };
  button(PAGE_ACTIONS.prev, '◀ Previous', page.prev);
  button(PAGE_ACTIONS.next, 'Next ▶', page.next);
  if (buttons.length) blocks.push({ type: 'actions', block_id: 'vlm_pager', elements: buttons });
  return blocks;
}

/**
 * Keeps the body blocks that fit beside the footer (page controls) within 50 blocks and the
 * message size; when some must go, whole trailing blocks are dropped and a note says so.
 */
function fitBlocks(body: Block[], footer: Block[], fallbackChars: number): Block[] {
  const size = (blocks: Block[]) => JSON.stringify(blocks).length;
  const room = SLACK_LIMITS.messageChars - ENVELOPE_CHARS - fallbackChars;
  if (body.length + footer.length <= SLACK_LIMITS.blocks && size([...body, ...footer]) <= room) return [...body, ...footer];
  const note: Block = { type: 'context', elements: [mrkdwn('… the rest did not fit in one Slack message; narrow the question to see it.')] };
  let budget = room - size([note, ...footer]);
  const kept: Block[] = [];
  for (const block of body) {
    const cost = size([block]) + 1;
    if (kept.length + footer.length + 1 >= SLACK_LIMITS.blocks || cost > budget) break;
    budget -= cost;
    kept.push(block);
  }
  return [...kept, note, ...footer];
}

/** The plain-text version: what notifications and screen readers show. Escaped like the blocks. */
function fallbackText(reply: Reply): string {
  const first = reply.page ? (reply.page.page - 1) * reply.page.size : 0;
  const lines = [
    reply.title,
    reply.text,
    ...(reply.items ?? []).map((item, i) => `${item.marker ?? `${first + i + 1}.`} ${item.title}`),
    ...(reply.fields ?? []).map((f) => `${f.name}: ${f.value}`),
  ].filter((l): l is string => Boolean(l?.trim()));
  const text = fitText(escapeText(lines.join('\n')), SLACK_LIMITS.fallbackText);
  return text.trim() ? text : 'vlm-curator';
}
