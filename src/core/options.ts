import type { z } from 'zod';
import type { Command, CommandOptions } from './command.js';
import type { CompletionSource, OptionSpec } from './option-spec.js';

type AnyZod = z.ZodType & { def: { type: string; innerType?: AnyZod; defaultValue?: unknown; in?: AnyZod } };

/** Reads the option specs of a command from its zod schema. Throws on a type no platform can express. */
export function describeOptions(command: Command): OptionSpec[] {
  const shape = (command.options as CommandOptions).shape as Record<string, AnyZod>;
  const positional = new Set<string>(command.positional ?? []);
  const complete = (command.complete ?? {}) as Record<string, CompletionSource | undefined>;
  return Object.entries(shape).map(([name, schema]) => {
    let inner: AnyZod = schema;
    let required = true;
    let defaultValue: unknown;
    // Unwrap optional/default/nullable/pipe wrappers down to the value schema.
    for (;;) {
      const t = inner.def.type;
      if (t === 'optional' || t === 'nullable') {
        required = false;
        inner = inner.def.innerType!;
      } else if (t === 'default' || t === 'prefault') {
        required = false;
        defaultValue = typeof inner.def.defaultValue === 'function' ? undefined : inner.def.defaultValue;
        inner = inner.def.innerType!;
      } else if (t === 'pipe') {
        inner = inner.def.in!;
      } else break;
    }
    const description = schema.description ?? inner.description ?? name;
    const spec: OptionSpec = { name, type: 'string', description, required, positional: positional.has(name) };
    if (defaultValue !== undefined) spec.defaultValue = defaultValue;
    if (complete[name]) spec.complete = complete[name];
    const t = inner.def.type;
    if (t === 'string') {
      const s = inner as unknown as z.ZodString;
      if (s.minLength != null) spec.minLength = s.minLength;
      if (s.maxLength != null) spec.maxLength = s.maxLength;
    } else if (t === 'number') {
      const n = inner as unknown as z.ZodNumber;
      spec.type = n.isInt ? 'integer' : 'number';
      if (n.minValue != null && Number.isFinite(n.minValue)) spec.min = n.minValue;
      if (n.maxValue != null && Number.isFinite(n.maxValue)) spec.max = n.maxValue;
    } else if (t === 'boolean') {
      spec.type = 'boolean';
    } else if (t === 'enum') {
      spec.choices = (inner as unknown as z.ZodEnum).options.map(String);
    } else {
      throw new Error(`core/options: option "${name}" of command "${command.name}" has type ${t}; use string, number, boolean or enum`);
    }
    return spec;
  });
}
