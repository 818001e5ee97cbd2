import { describe, expect, it } from 'vitest';
import { parseArgs, splitWords } from '../../src/core/argv.js';
import { UserError } from '../../src/core/errors.js';
import { describeOptions } from '../../src/core/options.js';
import search from '../../commands/search.js';

const specs = describeOptions(search);
const parse = (line: string) => parseArgs(splitWords(line), specs, 'search');

describe('the text-argument parser', () => {
  it('turns words, --flags and name:value into typed options', () => {
    expect(parse('open vocabulary detection --year 2022 --section "prompt tuning" --limit 5')).toEqual({
      query: 'open vocabulary detection',
      year: '2022',
      section: 'prompt tuning',
      limit: 5,
    });
    expect(parse('clip year:2021 kind:paper')).toEqual({ query: 'clip', year: '2021', kind: 'paper' });
    expect(parse('--limit=3 clip')).toEqual({ query: 'clip', limit: 3 });
  });

  it('reads booleans as flags, --no-flags or explicit values', () => {
    expect(parse('clip --code')).toMatchObject({ code: true });
    expect(parse('clip --no-code')).toMatchObject({ code: false });
    expect(parse('clip --code false')).toMatchObject({ code: false });
  });

  it('keeps colons that are not option names inside the query', () => {
    expect(parse('CoOp: learning to prompt')).toEqual({ query: 'CoOp: learning to prompt' });
  });

  it('explains bad input', () => {
    expect(() => parse('clip --bogus 1')).toThrow(/has no option --bogus.*--query/);
    expect(() => parse('clip --limit five')).toThrow(/--limit must be a whole number/);
    expect(() => parse('clip --limit')).toThrow(/--limit needs a value/);
    expect(() => parse('clip --limit five')).toThrow(UserError);
  });

  it('splits quoted words, including smart quotes', () => {
    expect(splitWords(`a "b c" 'd e' “f g”`)).toEqual(['a', 'b c', 'd e', 'f g']);
  });
});

describe('option specs from zod', () => {
  it('carries types, limits, choices, defaults and positional flags', () => {
    const by = Object.fromEntries(specs.map((s) => [s.name, s]));
    expect(by.query).toMatchObject({ type: 'string', required: false, maxLength: 200, positional: true });
    expect(by.limit).toMatchObject({ type: 'integer', min: 1, max: 100, defaultValue: 50 });
    expect(by.kind).toMatchObject({ choices: ['paper', 'dataset'] });
    expect(by.code).toMatchObject({ type: 'boolean' });
  });
});
