/**
 * Discord's own validation, as the fake enforces it: a payload over any documented limit is
 * rejected whole with 400 / 50035 "Invalid Form Body" and per-field errors. These numbers are
 * written out here on purpose, independently of the adapter's, so the fake is a real check.
 */

export interface Problem {
  /** Dotted field path as Discord reports it, e.g. `embeds.0.description`. */
  path: string;
  code: string;
  message: string;
}

const tooLong = (path: string, max: number): Problem => ({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
const required = (path: string): Problem => ({ path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });

/** A message body (create or edit): content, embeds, components. */
export function checkMessage(body: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  const content = body.content;
  if (typeof content === 'string' && content.length > 2000) problems.push(tooLong('content', 2000));
  const embeds = (body.embeds ?? []) as Record<string, unknown>[];
  if (embeds.length > 10) problems.push(tooLong('embeds', 10));
  let total = 0;
  embeds.forEach((e, i) => {
    const p = `embeds.${i}`;
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    const title = str(e.title);
    const description = str(e.description);
    const footer = str((e.footer as { text?: string } | undefined)?.text);
    const author = str((e.author as { name?: string } | undefined)?.name);
    if (title.length > 256) problems.push(tooLong(`${p}.title`, 256));
    if (description.length > 4096) problems.push(tooLong(`${p}.description`, 4096));
    if (footer.length > 2048) problems.push(tooLong(`${p}.footer.text`, 2048));
    if (author.length > 256) problems.push(tooLong(`${p}.author.name`, 256));
    const fields = (e.fields ?? []) as { name?: string; value?: string }[];
    if (fields.length > 25) problems.push(tooLong(`${p}.fields`, 25));
    fields.forEach((f, j) => {
      if (!f.name) problems.push(required(`${p}.fields.${j}.name`));
      if (!f.value) problems.push(required(`${p}.fields.${j}.value`));
      if ((f.name ?? '').length > 256) problems.push(tooLong(`${p}.fields.${j}.name`, 256));
      if ((f.value ?? '').length > 1024) problems.push(tooLong(`${p}.fields.${j}.value`, 1024));
      total += (f.name ?? '').length + (f.value ?? '').length;
    });
    total += title.length + description.length + footer.length + author.length;
  });
  if (total > 6000) problems.push({ path: 'embeds', code: 'MAX_EMBED_SIZE_EXCEEDED', message: 'Embed size exceeds maximum size of 6000' });
  problems.push(...checkComponents((body.components ?? []) as Record<string, unknown>[]));
  return problems;
}

function checkComponents(rows: Record<string, unknown>[]): Problem[] {
  const problems: Problem[] = [];
  if (rows.length > 5) problems.push(tooLong('components', 5));
  const ids = new Set<string>();
  rows.forEach((row, i) => {
    const buttons = (row.components ?? []) as Record<string, unknown>[];
    if (row.type !== 1) problems.push({ path: `components.${i}.type`, code: 'COMPONENT_TYPE_INVALID', message: 'Top-level components must be action rows' });
    if (buttons.length > 5) problems.push(tooLong(`components.${i}.components`, 5));
    buttons.forEach((b, j) => {
      const p = `components.${i}.components.${j}`;
      const id = b.custom_id as string | undefined;
      if (typeof b.label === 'string' && b.label.length > 80) problems.push(tooLong(`${p}.label`, 80));
      if (b.style === 5) return; // link buttons carry a url, not an id
      if (!id) problems.push(required(`${p}.custom_id`));
      else if (id.length > 100) problems.push(tooLong(`${p}.custom_id`, 100));
      else if (ids.has(id)) problems.push({ path: `${p}.custom_id`, code: 'COMPONENT_CUSTOM_ID_DUPLICATED', message: 'Component custom id cannot be duplicated' });
      if (id) ids.add(id);
    });
  });
  return problems;
}

/** Whether a message would be empty (Discord: 50006 "Cannot send an empty message"). */
export function isEmptyMessage(m: { content?: unknown; embeds?: unknown[]; components?: unknown[] }): boolean {
  return !m.content && !(m.embeds ?? []).length && !(m.components ?? []).length;
}

/** Autocomplete choices: ≤ 25, names 1–100, values ≤ 100. */
export function checkChoices(choices: { name?: string; value?: unknown }[]): Problem[] {
  const problems: Problem[] = [];
  if (choices.length > 25) problems.push(tooLong('data.choices', 25));
  choices.forEach((c, i) => {
    if (!c.name) problems.push(required(`data.choices.${i}.name`));
    else if (c.name.length > 100) problems.push(tooLong(`data.choices.${i}.name`, 100));
    if (typeof c.value === 'string' && c.value.length > 100) problems.push(tooLong(`data.choices.${i}.value`, 100));
  });
  return problems;
}

const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** A bulk-overwrite body of application commands. */
export function checkCommands(commands: Record<string, unknown>[]): Problem[] {
  const problems: Problem[] = [];
  commands.forEach((c, i) => problems.push(...checkOption(c, `${i}`, true)));
  return problems;
}

function checkOption(o: Record<string, unknown>, p: string, top = false): Problem[] {
  const problems: Problem[] = [];
  const name = String(o.name ?? '');
  if (!NAME.test(name) || name !== name.toLowerCase()) problems.push({ path: `${p}.name`, code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' });
  const description = String(o.description ?? '');
  if (!description) problems.push(required(`${p}.description`));
  if (description.length > 100) problems.push(tooLong(`${p}.description`, 100));
  const options = (o.options ?? []) as Record<string, unknown>[];
  if (options.length > 25) problems.push(tooLong(`${p}.options`, 25));
  let optionalSeen = false;
  options.forEach((opt, j) => {
    const q = `${p}.options.${j}`;
    if (opt.type === 1 || opt.type === 2) {
      problems.push(...checkOption(opt, q));
      return;
    }
    if (opt.required) {
      if (optionalSeen) problems.push({ path: q, code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', message: 'Required options must be placed before non-required options' });
    } else optionalSeen = true;
    problems.push(...checkOption({ ...opt, options: [] }, q));
    const choices = (opt.choices ?? []) as { name?: string; value?: unknown }[];
    if (choices.length > 25) problems.push(tooLong(`${q}.choices`, 25));
    if (choices.length && opt.autocomplete) problems.push({ path: `${q}.autocomplete`, code: 'AUTOCOMPLETE_AND_CHOICES', message: 'Autocomplete cannot be set with choices' });
    if (typeof opt.max_length === 'number' && (opt.max_length < 1 || opt.max_length > 6000)) problems.push(tooLong(`${q}.max_length`, 6000));
  });
  if (top && o.type !== undefined && o.type !== 1) problems.push({ path: `${p}.type`, code: 'TYPE', message: 'Only chat-input commands are expected here' });
  return problems;
}

/** Discord's error body for rejected payloads: errors nested by path with `_errors` leaves. */
export function invalidFormBody(problems: Problem[]): Record<string, unknown> {
  const errors: Record<string, unknown> = {};
  for (const { path, code, message } of problems) {
    let node = errors as Record<string, unknown>;
    for (const key of path.split('.')) node = (node[key] ??= {}) as Record<string, unknown>;
    ((node._errors ??= []) as unknown[]).push({ code, message });
  }
  return { code: 50035, message: 'Invalid Form Body', errors };
}
