import type { APIActionRowComponent, APIButtonComponent, APIEmbed, APIEmbedField } from 'discord.js';
import type { Reply, ReplyField, ReplyItem, ReplyLink } from '../../core/reply.js';
import { LIMITS } from './limits.js';
import { pageButtons } from './paging.js';
import { clipWords, inert, inertLabel, safeUrl, shareBudget } from './text.js';

/** A rendered Reply: what goes into a Discord message (the sender adds mention rules and flags). */
export interface DiscordMessage {
  /** Message text (≤ 2000); empty when everything is in the embed. */
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
}

const COLOR_OK = 0x5865f2;
const BLANK = '\u200b';
const PARAGRAPH = '\n\n';
/** Link labels are short words (Paper, Code); a long one would crowd out the results. */
const LINK_LABEL_MAX = 80;

/**
 * Renders a platform-neutral Reply for Discord within every limit: a short error or notice becomes
 * plain content; anything with a title, items or fields becomes one embed (title 256, description
 * 4096, ≤ 25 fields of 256/1024, 6000 in all) plus Prev/Next buttons when the reply is paged.
 * All reply text is made inert (mentions, markdown) and shortened only at word boundaries.
 */
export function renderReply(reply: Reply): DiscordMessage {
  const components = pageButtons(reply.page);
  const plain = !reply.title && !reply.items?.length && !reply.fields?.length && !reply.links?.length;
  if (plain) {
    return { content: clipWords(inert(reply.text ?? 'Done.', LIMITS.content), LIMITS.content), embeds: [], components };
  }
  return { content: '', embeds: [renderEmbed(reply)], components };
}

function renderEmbed(reply: Reply): APIEmbed {
  const title = reply.title ? clipWords(inert(reply.title, LIMITS.embedTitle), LIMITS.embedTitle) : '';
  const footer = reply.page ? `Page ${reply.page.page} of ${reply.page.pages} · ${reply.page.total} results` : '';
  const rawFields = capFieldCount(reply.fields ?? []);
  const names = rawFields.map((f) => inert(f.name, LIMITS.fieldName));
  const values = rawFields.map((f) => inert(f.value, LIMITS.fieldValue));
  const description = descriptionBlocks(reply);

  // One budget for the whole embed: after the title and footer, field names, field values and the
  // description share what is left, so many or huge fields can never push a message over 6000.
  // One character per field name and value is held back for the blank placeholder.
  const wants = [
    ...names.map((n) => Math.min(n.length, LIMITS.fieldName)),
    ...values.map((v) => Math.min(v.length, LIMITS.fieldValue)),
    Math.min(description.want, LIMITS.embedDescription),
  ];
  const shares = shareBudget(wants, LIMITS.embedTotal - title.length - footer.length - 2 * rawFields.length);
  const fields: APIEmbedField[] = rawFields.map((f, i) => ({
    name: clipWords(names[i]!, shares[i]!) || BLANK,
    value: clipWords(values[i]!, shares[rawFields.length + i]!) || BLANK,
    ...(f.inline ? { inline: true } : {}),
  }));
  const embed: APIEmbed = { color: COLOR_OK };
  if (title) embed.title = title;
  const text = description.render(shares[shares.length - 1]!);
  if (text) embed.description = text;
  if (fields.length) embed.fields = fields;
  if (footer) embed.footer = { text: footer };
  return embed;
}

/** More than 25 fields: keep 24 and say how many were left out. */
function capFieldCount(fields: readonly ReplyField[]): readonly ReplyField[] {
  if (fields.length <= LIMITS.embedFields) return fields;
  const kept = fields.slice(0, LIMITS.embedFields - 1);
  return [...kept, { name: 'More', value: `…and ${fields.length - kept.length} more not shown.` }];
}

/** A piece of the description that can shorten itself to fit. */
interface Block {
  /** Characters it takes with nothing shortened. */
  want: number;
  /** The piece within `max` characters (empty when nothing sensible fits). */
  render(max: number): string;
}

/** The description: the reply's text, its items, then its links — each block shortened fairly. */
function descriptionBlocks(reply: Reply): Block {
  const blocks: Block[] = [];
  if (reply.text) {
    const text = inert(reply.text, LIMITS.embedDescription);
    blocks.push({ want: text.length, render: (max) => clipWords(text, max) });
  }
  // Numbered across pages, so "the 7th result" means the same on every page.
  const first = reply.page ? (reply.page.page - 1) * reply.page.size : 0;
  (reply.items ?? []).forEach((item, i) => blocks.push(itemBlock(item, item.marker ? inert(item.marker, 20) : `${first + i + 1}.`)));
  if (reply.links?.length) blocks.push(linksBlock(reply.links));
  const gaps = PARAGRAPH.length * Math.max(0, blocks.length - 1);
  return {
    want: blocks.reduce((n, b) => n + b.want, 0) + gaps,
    render(max) {
      const shares = shareBudget(blocks.map((b) => b.want), max - gaps);
      return blocks
        .map((b, i) => b.render(shares[i]!))
        .filter(Boolean)
        .join(PARAGRAPH);
    },
  };
}

/**
 * One result: its number (or marker) and title (a link when it has a URL) in bold, then its subtitle, detail
 * lines and links. Under a tight budget the links go first, then the title's URL; the text lines
 * share the rest and are shortened at word boundaries, so the markdown around them stays whole.
 */
function itemBlock(item: ReplyItem, mark: string): Block {
  const title = inertLabel(item.title, LIMITS.embedDescription);
  const url = safeUrl(item.url);
  const texts = [title, ...(item.subtitle ? [inert(item.subtitle, LIMITS.embedDescription)] : []), ...(item.details ?? []).map((d) => inert(d, LIMITS.embedDescription))];
  const links = item.links?.length ? linkLine(item.links) : '';
  const compose = (parts: string[], withUrl: boolean, withLinks: boolean) => {
    const [head, ...rest] = parts;
    const header = withUrl && url ? `**${mark} [${head}](${url})**` : `**${mark} ${head}**`;
    return [header, ...rest.filter(Boolean), ...(withLinks && links ? [links] : [])].join('\n');
  };
  const full = compose(texts, true, true);
  return {
    want: full.length,
    render(max) {
      if (full.length <= max) return full;
      // Drop the links, then the title's URL, until the texts get a useful share of what is left.
      for (const withUrl of [true, false]) {
        const overhead = compose(texts.map(() => ''), withUrl, false).length + texts.length - 1;
        const room = max - overhead;
        if (room < Math.min(texts[0]!.length, 20)) continue;
        const shares = shareBudget(texts.map((t) => t.length), room);
        return compose(texts.map((t, i) => clipWords(t, shares[i]!)), withUrl, false);
      }
      const number = `${mark} `;
      const short = clipWords(title, max - 4 - number.length);
      return short ? `**${number}${short}**` : '';
    },
  };
}

function linksBlock(links: readonly ReplyLink[]): Block {
  const full = linkLine(links);
  return {
    want: full.length,
    // Links cannot be shortened without breaking them: keep the ones that fit, in order.
    render(max) {
      const kept: string[] = [];
      for (const part of full.split(' · ')) {
        if ([...kept, part].join(' · ').length > max) break;
        kept.push(part);
      }
      return kept.join(' · ');
    },
  };
}

/** `[Paper](…) · [Code](…)`; links that are not http(s) are left out. */
function linkLine(links: readonly ReplyLink[]): string {
  return links
    .map((l) => ({ label: clipWords(inertLabel(l.label, LINK_LABEL_MAX), LINK_LABEL_MAX), url: safeUrl(l.url) }))
    .filter((l) => l.url && l.label)
    .map((l) => `[${l.label}](${l.url})`)
    .join(' · ');
}
