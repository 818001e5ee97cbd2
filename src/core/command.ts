import type { z } from 'zod';
import type { CommandContext } from './context.js';
import type { CompletionSource } from './option-spec.js';
import type { Reply } from './reply.js';

export type CommandOptions = z.ZodObject<z.ZodRawShape>;

/**
 * One user-facing command: data plus a function returning a Reply. Never imports a platform SDK.
 * `description` is the help text; option descriptions (`.describe()`) document each option.
 */
export interface Command<S extends CommandOptions = CommandOptions> {
  name: string;
  description: string;
  options: S;
  /**
   * Option names filled, in order, by words given without `--flag`/`name:`; the last one takes the
   * rest of the line (`search open vocabulary detection` → query = "open vocabulary detection").
   */
  positional?: readonly (keyof z.infer<S> & string)[];
  /** Options whose value names a catalogue item; adapters offer completions for them. */
  complete?: Partial<Record<keyof z.infer<S> & string, CompletionSource>>;
  /** Only maintainers may run it (triage). */
  maintainersOnly?: boolean;
  /** Example lines shown by `help <command>`. */
  examples?: readonly string[];
  run(args: z.infer<S>, ctx: CommandContext): Reply | Promise<Reply>;
}

/** Identity helper that keeps the option types flowing into `run` (see commands/*.ts). */
export function defineCommand<S extends CommandOptions>(command: Command<S>): Command<S> {
  return command;
}
