import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildCommandJson, deployCommands, DiscordDeployError } from '../../../src/adapters/discord/deploy.js';
import { defineCommand } from '../../../src/core/command.js';
import { Registry } from '../../../src/core/registry.js';
import { type FakeDiscord, startFakeDiscord } from '../../fakes/discord/fake-discord.js';
import { ROOT } from '../../helpers/fixtures.js';
import { runNode } from '../../helpers/run-cli.js';

/** Runs the deploy script as `npm run deploy:discord` does (tsx), with the given environment. */
function runDeploy(env: Record<string, string>) {
  return runNode(['--import', 'tsx', path.join(ROOT, 'src/adapters/discord/deploy.ts')], {
    env: { DISCORD_TOKEN: '', DISCORD_APPLICATION_ID: '', DISCORD_GUILD_ID: '', DISCORD_API_URL: '', SLACK_BOT_TOKEN: '', ...env },
  });
}

const registry = () =>
  Registry.from([
    defineCommand({
      name: 'search',
      description: 'Search the list.',
      options: z.object({
        query: z.string().max(200).optional().describe('Words to look for'),
        kind: z.enum(['paper', 'dataset']).optional().describe('Papers or datasets only'),
        limit: z.number().int().min(1).max(100).default(50).describe('Most results'),
        code: z.boolean().optional().describe('Only with code'),
        section: z.string().min(2).describe('Section name'),
      }),
      complete: { section: 'section' },
      run: () => ({ text: 'ok' }),
    }),
    defineCommand({
      name: 'paper',
      description: 'One paper.',
      options: z.object({ ref: z.string().min(1).max(200).describe('Title or arXiv id'), score: z.number().min(0).max(1).optional().describe('A score') }),
      complete: { ref: 'paper' },
      run: () => ({ text: 'ok' }),
    }),
  ]);

describe('discord deploy: command JSON', () => {
  it('is one guild-only /vlm chat-input command with a subcommand per registry command', () => {
    expect(buildCommandJson(registry())).toEqual([
      {
        type: 1,
        name: 'vlm',
        description: expect.any(String),
        contexts: [0],
        integration_types: [0],
        options: [
          {
            type: 1,
            name: 'search',
            description: 'Search the list.',
            options: [
              // Required options first, as Discord demands; then the rest in schema order.
              { type: 3, name: 'section', description: 'Section name', required: true, autocomplete: true, min_length: 2 },
              { type: 3, name: 'query', description: 'Words to look for', required: false, max_length: 200 },
              { type: 3, name: 'kind', description: 'Papers or datasets only', required: false, choices: [{ name: 'paper', value: 'paper' }, { name: 'dataset', value: 'dataset' }] },
              { type: 4, name: 'limit', description: 'Most results', required: false, min_value: 1, max_value: 100 },
              { type: 5, name: 'code', description: 'Only with code', required: false },
            ],
          },
          {
            type: 1,
            name: 'paper',
            description: 'One paper.',
            options: [
              { type: 3, name: 'ref', description: 'Title or arXiv id', required: true, autocomplete: true, min_length: 1, max_length: 200 },
              { type: 10, name: 'score', description: 'A score', required: false, min_value: 0, max_value: 1 },
            ],
          },
        ],
      },
    ]);
  });

  it('lists every real command as a subcommand', async () => {
    const real = await Registry.load();
    const [vlm] = buildCommandJson(real) as { options: { name: string }[] }[];
    expect(vlm!.options.map((o) => o.name).sort()).toEqual(real.list().map((c) => c.name).sort());
  });
});

describe('discord deploy: registering', () => {
  let discord: FakeDiscord | undefined;
  afterEach(async () => {
    await discord?.close();
    discord = undefined;
  });

  it('PUTs to the guild route when a guild id is set (instant, for development)', async () => {
    discord = await startFakeDiscord();
    const config = discord.config({ applicationId: discord.state.application.id, guildId: discord.state.guild.id });
    const result = await deployCommands(await Registry.load(), config);

    const route = `/applications/${discord.state.application.id}/guilds/${discord.state.guild.id}/commands`;
    expect(result).toMatchObject({ scope: 'guild', route, applicationId: discord.state.application.id });
    const put = discord.find('PUT', route);
    expect(put).toHaveLength(1);
    expect(put[0]!.status).toBe(200); // the fake validates names, lengths, option order and choices like Discord
    expect(put[0]!.body).toEqual(buildCommandJson(await Registry.load()));
    expect(discord.find('PUT', `/applications/${discord.state.application.id}/commands`)).toHaveLength(0);
  });

  it('PUTs globally without a guild id, reading the application id from the token when not given', async () => {
    discord = await startFakeDiscord();
    const result = await deployCommands(registry(), discord.config());
    expect(result.scope).toBe('global');
    expect(discord.find('GET', '/applications/@me')).toHaveLength(1);
    expect(discord.find('PUT', `/applications/${discord.state.application.id}/commands`)[0]!.status).toBe(200);
  });

  it('says what to fix when the token is wrong or the bot is not in the server', async () => {
    discord = await startFakeDiscord();
    await expect(deployCommands(registry(), { ...discord.config(), token: 'wrong' })).rejects.toThrow(DiscordDeployError);
    await expect(deployCommands(registry(), { ...discord.config(), token: 'wrong' })).rejects.toThrow(/DISCORD_TOKEN/);
    await expect(deployCommands(registry(), discord.config({ applicationId: discord.state.application.id, guildId: '42' }))).rejects.toThrow(/applications\.commands.*DISCORD_GUILD_ID/);
  });
});

describe('npm run deploy:discord', () => {
  it('registers the commands from the environment and says where', async () => {
    const discord = await startFakeDiscord();
    try {
      const { code, stdout } = await runDeploy({ DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl, DISCORD_GUILD_ID: discord.state.guild.id });
      expect(stdout).toMatch(new RegExp(`registered /vlm with \\d+ subcommands in server ${discord.state.guild.id}`));
      expect(code).toBe(0);
      expect(discord.state.commands.get(discord.state.guild.id)).toHaveLength(1);
    } finally {
      await discord.close();
    }
  });

  it('exits non-zero naming DISCORD_TOKEN when it is not set', async () => {
    const { code, stderr } = await runDeploy({});
    expect(code).toBe(1);
    expect(stderr).toMatch(/DISCORD_TOKEN is not set/);
  });
});
