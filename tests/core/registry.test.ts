import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCommand } from '../../src/core/command.js';
import { UserError } from '../../src/core/errors.js';
import { Registry } from '../../src/core/registry.js';
import { testBot } from '../helpers/bot.js';
import { tempDir } from '../helpers/fixtures.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('loading commands', () => {
  it('loads every file of commands/', async () => {
    const names = (await Registry.load()).list().map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['search', 'paper', 'dataset', 'sections', 'section', 'stats', 'similar', 'help']));
  });

  it('fails loudly, naming the file, when a command file is malformed', async () => {
    const t = tempDir({ 'broken.ts': 'export default { name: "broken", description: "x" };\n' });
    cleanups.push(t.cleanup);
    await expect(Registry.load(t.dir)).rejects.toThrow(/broken\.ts: options must be a z\.object/);
  });

  it('fails when a file does not export a command, or its name differs from the file name', async () => {
    const t = tempDir({ 'nothing.ts': 'export const x = 1;\n' });
    cleanups.push(t.cleanup);
    await expect(Registry.load(t.dir)).rejects.toThrow(/nothing\.ts: must `export default defineCommand/);
    expect(() =>
      Registry.from([defineCommand({ name: 'Bad Name', description: 'd', options: z.object({}), run: () => ({}) })]),
    ).toThrow(/name must be lower-case/);
  });

  it('fails when a file does not even import', async () => {
    const t = tempDir({ 'syntax.ts': 'export default {{{;\n' });
    cleanups.push(t.cleanup);
    await expect(Registry.load(t.dir)).rejects.toThrow(/syntax\.ts failed to load/);
  });
});

describe('running commands and mapping errors once', () => {
  const commands = [
    defineCommand({ name: 'oops', description: 'throws a bug', options: z.object({}), run: () => { throw new TypeError('boom'); } }),
    defineCommand({ name: 'nope', description: 'throws a user error', options: z.object({}), run: () => { throw new UserError('nope', 'Not like that.'); } }),
    defineCommand({ name: 'many', description: 'returns many items', options: z.object({ n: z.number().int().max(99).default(12) }), run: ({ n }) => ({ items: Array.from({ length: n }, (_, i) => ({ title: `item ${i + 1}` })) }) }),
    defineCommand({ name: 'secret', description: 'maintainers only', options: z.object({}), maintainersOnly: true, run: () => ({ text: 'ok' }) }),
  ];

  it('turns an unexpected error into one plain line with a reference, logged once with the command', async () => {
    const { bot, log, tmp } = await testBot({ registry: Registry.from(commands) });
    cleanups.push(tmp.cleanup);
    const reply = await bot.registry.runLine('oops', bot.context({ platform: 'console', id: 'u', isMaintainer: false }));
    expect(reply).toMatchObject({ status: 'error', ephemeral: true });
    const ref = /ref ([0-9a-f]{8})/.exec(reply.text!)![1];
    expect(reply.text).not.toContain('boom');
    expect(log.lines.filter((l) => l.level === 'error')).toHaveLength(1);
    expect(log.lines[0]!.extra).toMatchObject({ command: 'line', ref });
    expect(String(log.lines[0]!.extra!.error)).toContain('boom');
  });

  it('says plainly when the machine is the trouble (a full disk, files it may not write), still logged once', async () => {
    const fail = (code: string) => defineCommand({ name: `fail-${code.toLowerCase().replace(/_/g, '-')}`, description: 'd', options: z.object({}), run: () => Promise.reject(Object.assign(new Error('write failed'), { code })) });
    const { bot, log, tmp } = await testBot({ registry: Registry.from([fail('SQLITE_FULL'), fail('ENOSPC'), fail('SQLITE_READONLY')]) });
    cleanups.push(tmp.cleanup);
    const ctx = bot.context({ platform: 'console', id: 'u', isMaintainer: false });
    for (const name of ['fail-sqlite-full', 'fail-enospc']) {
      const reply = await bot.registry.run(name, {}, ctx);
      expect(reply).toMatchObject({ status: 'error', errorCode: 'machine' });
      expect(reply.text).toMatch(/^The bot's disk is full, so nothing was changed\. Its operator needs to free some space\. \(ref [0-9a-f]{8}\)$/);
    }
    expect((await bot.registry.run('fail-sqlite-readonly', {}, ctx)).text).toMatch(/cannot write its files right now/);
    expect(log.lines.filter((l) => l.level === 'error')).toHaveLength(3);
  });

  it('turns a user error into a short ephemeral reply and logs nothing', async () => {
    const { bot, log, tmp } = await testBot({ registry: Registry.from(commands) });
    cleanups.push(tmp.cleanup);
    const reply = await bot.registry.run('nope', {}, bot.context({ platform: 'console', id: 'u', isMaintainer: false }));
    expect(reply).toEqual({ status: 'user-error', errorCode: 'nope', text: 'Not like that.', ephemeral: true });
    expect(log.lines).toEqual([]);
  });

  it('validates typed options with the command schema', async () => {
    const { bot, tmp } = await testBot({ registry: Registry.from(commands) });
    cleanups.push(tmp.cleanup);
    const reply = await bot.registry.run('many', { n: 500 }, bot.context({ platform: 'console', id: 'u', isMaintainer: false }));
    expect(reply).toMatchObject({ status: 'user-error', errorCode: 'bad-option' });
    expect(reply.text).toBe('--n must be at most 99.');
  });

  it('keeps maintainer-only commands for maintainers', async () => {
    const { bot, tmp } = await testBot({ registry: Registry.from(commands) });
    cleanups.push(tmp.cleanup);
    expect(await bot.registry.run('secret', {}, bot.context({ platform: 'slack', id: 'u', isMaintainer: false }))).toMatchObject({ errorCode: 'not-maintainer' });
    expect(await bot.registry.run('secret', {}, bot.context({ platform: 'slack', id: 'u', isMaintainer: true }))).toMatchObject({ text: 'ok' });
  });

  it('pages long results with next/prev tokens, and answers politely for an outlived token', async () => {
    const { bot, tmp } = await testBot({ registry: Registry.from(commands) });
    cleanups.push(tmp.cleanup);
    const ctx = bot.context({ platform: 'console', id: 'u', isMaintainer: false });
    const first = await bot.registry.run('many', { n: 12 }, ctx);
    expect(first.items!.map((i) => i.title)).toEqual(['item 1', 'item 2', 'item 3', 'item 4', 'item 5']);
    expect(first.page).toMatchObject({ page: 1, pages: 3, total: 12, size: 5, prev: undefined });
    const last = await bot.registry.more((await bot.registry.more(first.page!.next!, ctx)).page!.next!, ctx);
    expect(last.items!.map((i) => i.title)).toEqual(['item 11', 'item 12']);
    expect(last.page!.next).toBeUndefined();
    expect((await bot.registry.more(last.page!.prev!, ctx)).items![0]!.title).toBe('item 6');
    expect(await bot.registry.more('gone.2', ctx)).toMatchObject({ status: 'user-error', errorCode: 'page-expired' });
  });
});
