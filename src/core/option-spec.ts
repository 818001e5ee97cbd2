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
