import { DiscordAPIError } from 'discord.js';

/**
 * Discord could not be started: the message says what to fix. `main.ts` prints it and exits
 * non-zero; the adapter never exits the process itself.
 */
export class DiscordStartError extends Error {
  override name = 'DiscordStartError';
  constructor(
    message: string,
    readonly reason: 'token-rejected' | 'unreachable' | 'gateway',
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Maps a failed login to a DiscordStartError that names the setting to check. */
export function startError(err: unknown, apiUrl: string | undefined): DiscordStartError {
  const e = err as { code?: unknown; message?: string; status?: number };
  const rejected =
    e.code === 'TokenInvalid' || (err instanceof DiscordAPIError && err.status === 401) || /authentication failed/i.test(e.message ?? '');
  if (rejected) {
    return new DiscordStartError(
      'discord: Discord rejected the bot token (401 Unauthorized). Set DISCORD_TOKEN to the token from the Developer Portal → your application → Bot → Reset Token.',
      'token-rejected',
      { cause: err },
    );
  }
  const network = typeof e.code === 'string' && /^(ECONN|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|UND_ERR)/.test(e.code);
  const where = apiUrl ?? 'https://discord.com/api';
  if (network || /fetch failed|connect/i.test(e.message ?? '')) {
    return new DiscordStartError(`discord: cannot reach Discord at ${where} (${e.message ?? e.code}). Check the network, or DISCORD_API_URL if it is set.`, 'unreachable', { cause: err });
  }
  return new DiscordStartError(`discord: login failed: ${e.message ?? String(err)}`, 'gateway', { cause: err });
}
