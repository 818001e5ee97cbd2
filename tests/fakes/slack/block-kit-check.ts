/**
 * Checks a Slack message against Block Kit's documented limits and for live mentions/links in
 * untrusted text. Returns the problems found (empty = fine), so a failing test says what broke.
 */

interface TextObject {
  type: string;
  text: string;
}

type AnyBlock = Record<string, unknown> & { type: string };

const KNOWN_BLOCKS = new Set(['section', 'header', 'context', 'actions', 'divider']);

export function blockKitProblems(message: { text?: unknown; blocks?: unknown }): string[] {
  const problems: string[] = [];
  const blocks = (message.blocks ?? []) as AnyBlock[];
  if (typeof message.text !== 'string' || !message.text.trim()) problems.push('no fallback text');
  if (!Array.isArray(blocks)) return [...problems, 'blocks is not an array'];
  if (blocks.length > 50) problems.push(`${blocks.length} blocks (max 50)`);
  const size = JSON.stringify({ text: message.text, blocks }).length;
  if (size > 40_000) problems.push(`message is ${size} characters (max 40,000)`);
  const actionIds = new Set<string>();
  blocks.forEach((b, i) => {
    const at = `block ${i} (${b.type})`;
    if (!KNOWN_BLOCKS.has(b.type)) problems.push(`${at}: unexpected type`);
    const text = b.text as TextObject | undefined;
    if (b.type === 'header') {
      if (text?.type !== 'plain_text') problems.push(`${at}: header text must be plain_text`);
      if ((text?.text.length ?? 0) > 150) problems.push(`${at}: header is ${text?.text.length} characters (max 150)`);
    }
    if (b.type === 'section') {
      const fields = b.fields as TextObject[] | undefined;
      if (!text && !fields?.length) problems.push(`${at}: neither text nor fields`);
      if (text && (text.text.length > 3000 || text.text.length < 1)) problems.push(`${at}: text is ${text.text.length} characters (1–3,000)`);
      if (fields && fields.length > 10) problems.push(`${at}: ${fields.length} fields (max 10)`);
      for (const f of fields ?? []) if (f.text.length > 2000) problems.push(`${at}: a field is ${f.text.length} characters (max 2,000)`);
    }
    if (b.type === 'context') {
      const elements = b.elements as TextObject[];
      if (!elements?.length || elements.length > 10) problems.push(`${at}: ${elements?.length} elements (1–10)`);
      for (const e of elements ?? []) if (e.text.length > 3000) problems.push(`${at}: element is ${e.text.length} characters`);
    }
    if (b.type === 'actions') {
      const elements = b.elements as { type: string; action_id?: string; value?: string; text: TextObject }[];
      if (!elements?.length || elements.length > 25) problems.push(`${at}: ${elements?.length} elements (1–25)`);
      for (const e of elements ?? []) {
        if (e.text.text.length > 75) problems.push(`${at}: button text over 75 characters`);
        if ((e.value?.length ?? 0) > 2000) problems.push(`${at}: button value over 2,000 characters`);
        if (!e.action_id || e.action_id.length > 255) problems.push(`${at}: bad action_id`);
        else if (actionIds.has(e.action_id)) problems.push(`${at}: duplicate action_id ${e.action_id}`);
        else actionIds.add(e.action_id);
      }
    }
  });
  return problems;
}

/** Every text string in a message (fallback and all text objects). */
export function allTexts(message: { text?: unknown; blocks?: unknown }): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'text' && typeof x === 'string') out.push(x);
        else walk(x);
      }
    }
  };
  walk(message);
  return out;
}

/**
 * Special sequences that would be live in Slack: any `<…>` other than an http(s) link, and bare
 * `@channel`/`@here`/`@everyone`.
 */
export function liveMentions(message: { text?: unknown; blocks?: unknown }): string[] {
  const found: string[] = [];
  for (const text of allTexts(message)) {
    for (const m of text.matchAll(/<([^>]*)>/g)) if (!/^https?:\/\/[^\s|<>]+(\|[^<>]*)?$/.test(m[1]!)) found.push(m[0]);
    for (const m of text.matchAll(/@(channel|here|everyone)\b/gi)) found.push(m[0]);
  }
  return found;
}
