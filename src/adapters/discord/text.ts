import { escapeMarkdown } from 'discord.js';
import { httpUrl } from '../../core/url.js';

/**
 * Text helpers for everything the bot shows on Discord. Reply text is plain text from the list,
 * users or arXiv (strangers): it is made inert (mentions and markdown) before it is shown, and
 * shortened at word boundaries so a limit never cuts a word or an escape sequence in half.
 */

const ELLIPSIS = '…';
const ZWSP = '\u200b';

/**
 * Makes untrusted text inert: `@everyone`, `@here`, `<@123>`, `<@&123>` and `<#123>` no longer
 * render as mentions (a zero-width space after the sigil, as Discord clients do themselves), and
 * markdown — including headings, lists and masked links — shows as typed.
 * `allowedMentions: { parse: [] }` already stops pings; this also stops the blue highlight and
 * links that pretend to be somewhere else. `upTo`: the most characters the result may be shown in
 * (shorten the result with `clipWords(…, upTo)`); longer input is cut before escaping.
 */
export function inert(text: string, upTo = Infinity): string {
  return escapeMarkdown(unmention(head(text, upTo)), { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
}

/**
 * `inert` for the label of a markdown link `[label](url)`: every bracket is escaped, so a title
 * like `Foo [v2]` can neither end the label early nor nest a link.
 */
export function inertLabel(text: string, upTo = Infinity): string {
  return escapeMarkdown(unmention(head(text, upTo)), { heading: true, bulletedList: true, numberedList: true }).replace(/[[\]]/g, '\\$&');
}

/**
 * Escaping only ever lengthens text, so of text bound for at most `upTo` characters no more than
 * `upTo + 1` raw characters can show (the extra one tells `clipWords` it was longer). Cutting
 * first keeps escaping cheap: escapeMarkdown takes ~75 ms on 10,000 characters.
 */
function head(text: string, upTo: number): string {
  return text.length > upTo + 1 ? text.slice(0, upTo + 1) : text;
}

function unmention(text: string): string {
  return text.replace(/@(everyone|here)/gi, `@${ZWSP}$1`).replace(/<(@[!&]?|#)(\d+)>/g, `<$1${ZWSP}$2>`);
}

/**
 * Shortens `text` to at most `max` characters, cutting at the last whitespace and adding `…`.
 * Only a single word longer than the limit is cut inside (it cannot be avoided); even then the cut
 * never splits a surrogate pair or leaves a dangling escape backslash.
 */
export function clipWords(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, max);
  const room = max - ELLIPSIS.length;
  // The last whitespace at or before `room` (a backwards scan: a regex would be quadratic here).
  let space = room;
  while (space > 0 && !/\s/.test(text[space]!)) space--;
  const cut = space > 0 ? text.slice(0, space).trimEnd() : safeHardCut(text.slice(0, room));
  return cut + ELLIPSIS;
}

/** Drops a trailing lone high surrogate and an odd trailing run of backslashes. */
function safeHardCut(cut: string): string {
  let s = cut;
  if (/[\uD800-\uDBFF]$/.test(s)) s = s.slice(0, -1);
  const slashes = /\\+$/.exec(s)?.[0].length ?? 0;
  if (slashes % 2 === 1) s = s.slice(0, -1);
  return s;
}

/**
 * Splits `budget` among pieces that want `wants[i]` characters: pieces that fit their fair share
 * keep their length, the rest share what is left equally ("water-filling"). The result never
 * exceeds `wants[i]` and sums to at most `budget`.
 */
export function shareBudget(wants: readonly number[], budget: number): number[] {
  const given = wants.map(() => 0);
  let left = Math.max(0, budget);
  let open = wants.map((_, i) => i).filter((i) => wants[i]! > 0);
  while (open.length && left > 0) {
    const share = Math.floor(left / open.length);
    const small = open.filter((i) => wants[i]! - given[i]! <= share);
    if (!small.length) {
      for (const i of open) given[i]! += share;
      // Hand the remainder out one by one so the whole budget is used.
      let rest = left - share * open.length;
      for (const i of open) if (rest-- > 0) given[i]! += 1;
      break;
    }
    for (const i of small) {
      left -= wants[i]! - given[i]!;
      given[i] = wants[i]!;
    }
    open = open.filter((i) => given[i]! < wants[i]!);
  }
  return given;
}

/**
 * The URL if it is an absolute http(s) URL, made safe inside markdown `[label](url)` (parentheses
 * and spaces percent-encoded); undefined otherwise (a `javascript:` link from the list is dropped).
 */
export function safeUrl(url: string | undefined, max = 512): string | undefined {
  const parsed = url ? httpUrl(url) : undefined;
  if (!parsed) return undefined;
  const href = parsed.href.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/ /g, '%20');
  return href.length <= max ? href : undefined;
}
