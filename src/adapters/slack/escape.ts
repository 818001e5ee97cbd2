/**
 * Making untrusted text (list entries, arXiv titles, what users type) inert in Slack.
 *
 * Slack parses `&`, `<` and `>` as control characters in every text object: `<!channel>`,
 * `<@U123>`, `<#C123>` and `<https://x|label>` are mentions and links. Escaping those three is the
 * documented way to show them literally; it is applied to every piece of text we did not write.
 */

import { httpUrl } from '../../core/url.js';
import { fitText } from './limits.js';

// Terminal/bidi control characters only confuse readers (and can disguise a link's target).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/**
 * Escapes `&`, `<`, `>` and defuses bare `@channel`/`@here`/`@everyone` (a word joiner after `@`),
 * so the text can never become a link, a mention or a broadcast, whatever parse mode Slack applies.
 */
export function escapeText(text: string): string {
  return text
    .replace(CONTROL, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(channel|here|everyone)\b/gi, '@\u2060$1');
}

/** Longest URL we turn into a link; longer ones are shown as their label only. */
const MAX_URL = 1000;

/**
 * The URL in the form Slack's `<url|label>` syntax needs, or undefined when it is not a plain
 * http(s) link (a `javascript:` or `slack://` URL from the list must not become clickable).
 */
export function safeUrl(url: string): string | undefined {
  const parsed = httpUrl(url);
  if (!parsed) return undefined;
  // `|` would end the URL part of `<url|label>`; `<`/`>`/spaces are already percent-encoded by URL.
  const href = parsed.href.replace(/\|/g, '%7C').replace(/&/g, '&amp;');
  return href.length <= MAX_URL ? href : undefined;
}

/**
 * `<url|label>` with the label escaped (and shortened to `maxLabel` at a word boundary); only the
 * escaped label when the URL is not a safe http(s) link.
 */
export function link(url: string | undefined, label: string, maxLabel = 500): string {
  const href = url === undefined ? undefined : safeUrl(url);
  const text = fitText(escapeText(label), maxLabel);
  if (!href) return text;
  return `<${href}|${text || href}>`;
}

/**
 * What the user typed, from the text Slack sends with a slash command: Slack escapes `&`, `<`, `>`
 * as entities and (with "escape channels, users and links" on) wraps links and mentions in
 * `<…>`. Commands want plain text: `R&D`, `https://arxiv.org/abs/2109.01134`, `@name`.
 */
export function decodeSlackText(text: string): string {
  return text
    .replace(/<((?:https?|mailto):[^|>]*)(?:\|[^>]*)?>/g, '$1')
    .replace(/<@[A-Z0-9]+\|([^>]*)>/g, '@$1')
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<([@#!][^>]*)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
