/**
 * Slack's size limits for messages and Block Kit, and word-boundary cutting that respects them.
 * Text handed to these helpers is already escaped, so a cut never splits an `&amp;`-style entity.
 */
export const SLACK_LIMITS = {
  /** A section block's `text`. */
  sectionText: 3000,
  /** One item of a section block's `fields`. */
  fieldText: 2000,
  fields: 10,
  /** A header block's plain text. */
  headerText: 150,
  /** Elements in a context block. */
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blocks: 50,
  /** A whole message (blocks and fallback text together, as JSON). */
  messageChars: 40_000,
  /** The fallback `text` shown in notifications and by screen readers when blocks are present. */
  fallbackText: 3000,
} as const;

const ELLIPSIS = '…';

/** Shortens `text` to at most `max` characters, at a word boundary, ending with `…` when cut. */
export function fitText(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = max - ELLIPSIS.length;
  return text.slice(0, cutPoint(text, room)).trimEnd() + ELLIPSIS;
}

/**
 * Splits `text` into pieces of at most `max` characters, losing nothing but the whitespace at
 * each split. Prefers paragraph breaks, then line breaks, then spaces; a single word longer than
 * `max` (a long URL) is the only thing ever split inside, and never inside an entity or a
 * surrogate pair.
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const at = cutPoint(rest, max);
    pieces.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).replace(/^\s+/, '');
  }
  if (rest.length || !pieces.length) pieces.push(rest);
  return pieces;
}

/** Where to cut `text` so the first part has at most `room` characters. */
function cutPoint(text: string, room: number): number {
  // Cut at whitespace when some is reasonably close to the limit (not in the first half).
  const window = text.slice(0, room + 1);
  for (const sep of ['\n\n', '\n', ' ']) {
    const at = window.lastIndexOf(sep);
    if (at > room / 2) return at;
  }
  return safeHardCut(text, room);
}

/** A cut position ≤ `room` that splits neither an HTML entity (`&amp;`) nor a surrogate pair. */
function safeHardCut(text: string, room: number): number {
  let at = Math.max(1, room);
  const amp = text.lastIndexOf('&', at - 1);
  if (amp >= 0 && amp > at - 6 && text.indexOf(';', amp) >= at && /^&(amp|lt|gt);/.test(text.slice(amp, amp + 5))) at = amp;
  const code = text.charCodeAt(at - 1);
  if (code >= 0xd800 && code <= 0xdbff) at -= 1;
  return Math.max(1, at);
}
