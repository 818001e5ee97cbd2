/**
 * `npm run deploy:discord` — registers the `/vlm` command and its subcommands (from `commands/`)
 * with Discord. Run it when commands change, never at start-up. With `DISCORD_GUILD_ID` the
 * command is registered in that server only (instant, for development); without it, globally.
 * Registering replaces the application's previous commands in that scope (a bulk overwrite).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type APIApplication, DiscordAPIError, REST, type RESTOptions, RESTJSONErrorCodes, Routes } from 'discord.js';
import { loadConfig, loadDotEnv } from '../../config.js';
import { Registry } from '../../core/registry.js';
import type { DiscordConfig } from './config.js';
import { buildCommandJson } from './options.js';

export { buildCommandJson } from './options.js';

export interface DeployResult {
  scope: 'guild' | 'global';
  applicationId: string;
  /** The REST route the commands were PUT to. */
  route: string;
  /** Subcommands registered under `/vlm`. */
  subcommands: number;
}

/** Registration failed; the message says what to fix. */
export class DiscordDeployError extends Error {
  override name = 'DiscordDeployError';
}

/**
 * PUTs `buildCommandJson(registry)` to the guild route when `guildId` is set, else the global one.
 * Without `applicationId` it is read from the token's application (`GET /applications/@me`).
 */
export async function deployCommands(registry: Registry, config: DiscordConfig, options: { rest?: Partial<RESTOptions> } = {}): Promise<DeployResult> {
  const body = buildCommandJson(registry);
  const rest = new REST({ ...(config.apiUrl ? { api: config.apiUrl } : {}), ...options.rest }).setToken(config.token);
  try {
    const applicationId = config.applicationId ?? ((await rest.get(Routes.currentApplication())) as APIApplication).id;
    const route = config.guildId ? Routes.applicationGuildCommands(applicationId, config.guildId) : Routes.applicationCommands(applicationId);
    await rest.put(route, { body });
    return { scope: config.guildId ? 'guild' : 'global', applicationId, route, subcommands: registry.list().length };
  } catch (err) {
    throw deployError(err, config);
  } finally {
    // The REST client keeps sweeper timers; without clearing them the script would not exit.
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

function deployError(err: unknown, config: DiscordConfig): Error {
  if (!(err instanceof DiscordAPIError)) return err as Error;
  if (err.status === 401) {
    return new DiscordDeployError('deploy: Discord rejected the bot token (401). Set DISCORD_TOKEN to the token from the Developer Portal → Bot → Reset Token.');
  }
  if (config.guildId && (err.code === RESTJSONErrorCodes.MissingAccess || err.status === 403)) {
    return new DiscordDeployError(
      `deploy: no access to server ${config.guildId}. Invite the bot with the applications.commands scope, or check DISCORD_GUILD_ID.`,
    );
  }
  if (err.code === RESTJSONErrorCodes.UnknownApplication || err.status === 404) {
    return new DiscordDeployError(`deploy: unknown application or server — check DISCORD_APPLICATION_ID${config.guildId ? ' and DISCORD_GUILD_ID' : ''}.`);
  }
  return new DiscordDeployError(`deploy: Discord refused the commands (${err.status} ${err.code}): ${err.message}`);
}

async function main(): Promise<string> {
  loadDotEnv();
  const config = loadConfig();
  if (!config.discord) throw new DiscordDeployError('deploy: DISCORD_TOKEN is not set (Developer Portal → your application → Bot → Reset Token).');
  const result = await deployCommands(await Registry.load(), config.discord);
  const where = result.scope === 'guild' ? `server ${config.discord.guildId} (available now)` : 'every server (global; may take up to an hour to appear)';
  return `deploy: registered /vlm with ${result.subcommands} subcommands in ${where}.\n`;
}

// Run only as the entry script, so tests can import `deployCommands`/`buildCommandJson`.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (out) => process.stdout.write(out),
    (err: Error) => {
      process.stderr.write(`${err.message}\n`);
      process.exitCode = 1;
    },
  );
}
