import { didYouMean } from './did-you-mean.js';
import { UserError } from './errors.js';
import type { OptionSpec } from './option-spec.js';

/** Splits a command line into words, honouring "double" and 'single' quotes (and “smart” quotes). */
export function splitWords(line: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|“([^”]*)”|(\S+)/g;
  for (const m of line.matchAll(re)) words.push(m[1] ?? m[2] ?? m[3] ?? m[4]!);
  return words;
}

/**
 * Turns the words after a command name into raw option values, typed by the option specs:
 * `open vocabulary detection --year 2022 --section "prompt tuning" --limit 5`, `year:2022`,
 * `--code` / `--no-code` for booleans. Words without a flag fill the positional options in order;
 * the last positional takes the rest. Unknown flags and badly typed values are UserErrors that say
 * what is accepted. Validation of ranges and choices is left to the command's zod schema.
 */
export function parseArgs(words: string[], specs: OptionSpec[], commandName: string): Record<string, unknown> {
  const byName = new Map(specs.map((s) => [s.name.toLowerCase(), s]));
  const out: Record<string, unknown> = {};
  const loose: string[] = [];
  const flagList = () => specs.map((s) => `--${s.name}`).join(', ') || 'none';

  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const flag = /^--?([a-z][\w-]*)(?:=(.*))?$/i.exec(word);
    const colon = /^([a-z][\w-]*):(.+)$/i.exec(word);
    if (flag) {
      let name = flag[1]!.toLowerCase();
      let spec = byName.get(name);
      if (!spec && name.startsWith('no-') && byName.get(name.slice(3))?.type === 'boolean') {
        name = name.slice(3);
        spec = byName.get(name)!;
        out[spec.name] = false;
        continue;
      }
      if (!spec) {
        const hint = didYouMean(name, specs.map((s) => s.name), (n) => `--${n}`);
        throw new UserError('unknown-option', `\`${commandName}\` has no option --${name}.${hint} Options: ${flagList()}.`);
      }
      if (spec.type === 'boolean' && flag[2] === undefined && !isBooleanWord(words[i + 1])) {
        out[spec.name] = true;
        continue;
      }
      const value = flag[2] ?? words[++i];
      if (value === undefined) throw new UserError('missing-value', `--${spec.name} needs a value (${spec.description}).`);
      out[spec.name] = coerce(value, spec);
    } else if (colon && byName.has(colon[1]!.toLowerCase())) {
      const spec = byName.get(colon[1]!.toLowerCase())!;
      out[spec.name] = coerce(colon[2]!, spec);
    } else {
      loose.push(word);
    }
  }

  const positional = specs.filter((s) => s.positional && out[s.name] === undefined);
  positional.forEach((spec, idx) => {
    if (!loose.length) return;
    const last = idx === positional.length - 1;
    const value = last ? loose.splice(0).join(' ') : loose.shift()!;
    out[spec.name] = coerce(value, spec);
  });
  if (loose.length) {
    throw new UserError('unexpected-words', `\`${commandName}\` did not expect "${loose.join(' ')}". Options: ${flagList()}.`);
  }
  return out;
}

function isBooleanWord(w: string | undefined): boolean {
  return w !== undefined && /^(true|false|yes|no)$/i.test(w);
}

function coerce(value: string, spec: OptionSpec): unknown {
  switch (spec.type) {
    case 'integer':
      if (!/^-?\d+$/.test(value)) throw new UserError('bad-number', `--${spec.name} must be a whole number, not "${value}".`);
      return Number(value);
    case 'number':
      if (!Number.isFinite(Number(value))) throw new UserError('bad-number', `--${spec.name} must be a number, not "${value}".`);
      return Number(value);
    case 'boolean':
      if (!isBooleanWord(value)) throw new UserError('bad-boolean', `--${spec.name} is true or false, not "${value}".`);
      return /^(true|yes)$/i.test(value);
    default:
      return value;
  }
}
