import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildManifest } from '../../../src/adapters/slack/manifest.js';
import { toYaml } from '../../../src/adapters/slack/to-yaml.js';
import { Registry } from '../../../src/core/registry.js';

describe('Slack app manifest', () => {
  let registry: Registry;
  beforeAll(async () => {
    registry = await Registry.load();
  });

  it('declares /vlm with a usage hint listing every command', () => {
    const manifest = buildManifest(registry);
    const [command] = manifest.features.slash_commands;
    expect(manifest.features.slash_commands).toHaveLength(1);
    expect(command).toMatchObject({ command: '/vlm', should_escape: false });
    for (const c of registry.list()) expect(command!.usage_hint).toContain(c.name);
    expect(command!.usage_hint.length).toBeLessThanOrEqual(1000);
  });

  it('asks for the scopes and events the bot uses, with interactivity and Socket Mode', () => {
    const manifest = buildManifest(registry);
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['commands', 'chat:write', 'reactions:read', 'reactions:write']));
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['reaction_added', 'reaction_removed']);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(manifest)).not.toContain('request_url');
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
  });

  it('points every request URL at /slack/events in HTTP mode', () => {
    const manifest = buildManifest(registry, { requestUrl: 'https://bot.example.org' });
    const url = 'https://bot.example.org/slack/events';
    expect(manifest.settings.socket_mode_enabled).toBe(false);
    expect(manifest.features.slash_commands[0]!.url).toBe(url);
    expect(manifest.settings.event_subscriptions.request_url).toBe(url);
    expect(manifest.settings.interactivity.request_url).toBe(url);
    expect(() => buildManifest(registry, { requestUrl: 'http://bot.example.org' })).toThrow(/https/);
    expect(() => buildManifest(registry, { command: 'vlm' })).toThrow(/slash command/);
  });

  it('prints as YAML with every string quoted', () => {
    const yaml = toYaml(buildManifest(registry) as never);
    expect(yaml).toContain('  slash_commands:\n    - command: "/vlm"\n      description: ');
    expect(yaml).toContain('    bot:\n      - "commands"\n');
    expect(yaml).toContain('  socket_mode_enabled: true\n');
    expect(toYaml({ a: [], b: {}, c: 'x: "y"', d: [[1, 2]] })).toBe('a: []\nb: {}\nc: "x: \\"y\\""\nd:\n  - - 1\n    - 2\n');
  });

  it('is what `npm run slack:manifest` prints', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/adapters/slack/manifest-cli.ts'], { cwd: process.cwd() });
    expect(JSON.parse(stdout)).toEqual(buildManifest(registry));
  });
});
