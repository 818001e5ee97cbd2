/** What an option names in the catalogue; adapters autocomplete such options from the search index. */
export type CompletionSource = 'entry' | 'paper' | 'dataset' | 'section';

/**
 * A command option described without zod: the one shape the text parser, `help`, Discord's option
 * builder and the Slack manifest all read, so the zod schema stays the single definition.
 */
export interface OptionSpec {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean';
  description: string;
  required: boolean;
  choices?: string[];
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
  defaultValue?: unknown;
  positional: boolean;
  complete?: CompletionSource;
}

/** How a command is typed: `dataset <name>`, `search [query] [--year <string>] …`. */
export function usageLine(name: string, specs: readonly OptionSpec[]): string {
  const parts = specs.map((o) => {
    if (o.positional) return o.required ? `<${o.name}>` : `[${o.name}]`;
    const value = o.type === 'boolean' ? '' : ` <${o.choices ? o.choices.join('|') : o.type}>`;
    return o.required ? `--${o.name}${value}` : `[--${o.name}${value}]`;
  });
  return [name, ...parts].join(' ');
}
