import type { Reply } from '../../core/reply.js';
import { inlineMarkdown, paint, type TerminalStyle } from './terminal-style.js';

// Terminal escape sequences and other control characters from untrusted text must not reach a tty.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

function clean(text: string): string {
  return text.replace(CONTROL, '');
}

const PLAIN: TerminalStyle = { color: false };

/**
 * Renders a Reply for a terminal (also how `curator ask` prints without `--json`): the inline
 * markdown of its prose in colour when `style.color`, else as plain words. Control characters
 * from untrusted text are removed everywhere.
 */
export function renderText(reply: Reply, style: TerminalStyle = PLAIN): string {
  const md = (text: string) => inlineMarkdown(clean(text), style);
  const out: string[] = [];
  const prefix = reply.status === 'user-error' ? '! ' : reply.status === 'error' ? '!! ' : '';
  // Titles, items and fields are data (often a stranger's words) and are shown as written; the
  // reply's own prose (`text`, the page footer) is where commands write `what to type`.
  if (reply.title) out.push(prefix + paint(clean(reply.title), 'bold', style), '');
  if (reply.text) out.push((reply.title ? '' : prefix) + md(reply.text), '');
  const first = reply.page ? (reply.page.page - 1) * reply.page.size : 0;
  reply.items?.forEach((item, i) => {
    out.push(`${item.marker ? clean(item.marker) : `${first + i + 1}.`} ${paint(clean(item.title), 'bold', style)}`);
    if (item.subtitle) out.push(`   ${clean(item.subtitle)}`);
    for (const d of item.details ?? []) out.push(`   ${clean(d)}`);
    const links = item.links?.length ? item.links : item.url ? [{ label: 'Link', url: item.url }] : [];
    if (links.length) out.push(`   ${links.map((l) => `${clean(l.label)}: ${paint(clean(l.url), 'dim', style)}`).join('  ')}`);
  });
  if (reply.items?.length) out.push('');
  for (const f of reply.fields ?? []) {
    const value = clean(f.value);
    const name = paint(clean(f.name), 'bold', style);
    out.push(value.includes('\n') ? `${name}:\n${value.replace(/^/gm, '  ')}` : `${name}: ${value}`);
  }
  if (reply.fields?.length) out.push('');
  for (const l of reply.links ?? []) out.push(`${clean(l.label)}: ${paint(clean(l.url), 'dim', style)}`);
  if (reply.links?.length) out.push('');
  if (reply.page) {
    const { page, pages, total } = reply.page;
    out.push(md(`Page ${page}/${pages} of ${total} results.${reply.page.next ? ' Type `more` for the next page.' : ''}`), '');
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
