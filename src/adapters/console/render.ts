import type { Reply } from '../../core/reply.js';

// Terminal escape sequences and other control characters from untrusted text must not reach a tty.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

function clean(text: string): string {
  return text.replace(CONTROL, '');
}

/** Renders a Reply as plain terminal text (also how `curator ask` prints without `--json`). */
export function renderText(reply: Reply): string {
  const out: string[] = [];
  const prefix = reply.status === 'user-error' ? '! ' : reply.status === 'error' ? '!! ' : '';
  if (reply.title) out.push(prefix + clean(reply.title), '');
  if (reply.text) out.push((reply.title ? '' : prefix) + clean(reply.text), '');
  const first = reply.page ? (reply.page.page - 1) * reply.page.size : 0;
  reply.items?.forEach((item, i) => {
    out.push(`${first + i + 1}. ${clean(item.title)}`);
    if (item.subtitle) out.push(`   ${clean(item.subtitle)}`);
    for (const d of item.details ?? []) out.push(`   ${clean(d)}`);
    const links = item.links?.length ? item.links : item.url ? [{ label: 'Link', url: item.url }] : [];
    if (links.length) out.push(`   ${links.map((l) => `${clean(l.label)}: ${clean(l.url)}`).join('  ')}`);
  });
  if (reply.items?.length) out.push('');
  for (const f of reply.fields ?? []) {
    const value = clean(f.value);
    out.push(value.includes('\n') ? `${clean(f.name)}:\n${value.replace(/^/gm, '  ')}` : `${clean(f.name)}: ${value}`);
  }
  if (reply.fields?.length) out.push('');
  for (const l of reply.links ?? []) out.push(`${clean(l.label)}: ${clean(l.url)}`);
  if (reply.links?.length) out.push('');
  if (reply.page) {
    const { page, pages, total } = reply.page;
    out.push(`Page ${page}/${pages} of ${total} results.${reply.page.next ? ' Type `more` for the next page.' : ''}`, '');
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

