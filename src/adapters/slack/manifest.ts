import type { Registry } from '../../core/registry.js';
import { SLACK_EVENTS_PATH } from './guarded-http-receiver.js';
import { SLASH_COMMAND } from './slash-command.js';

/**
 * Bot scopes, each for a reason:
 * - `commands`: the `/vlm` slash command;
 * - `chat:write`: the News digest, candidate posts in its thread, and editing them with the outcome;
 * - `reactions:write`: the vote reactions the bot adds to each candidate as affordances;
 * - `reactions:read`: `reaction_added`/`reaction_removed` events and `reactions.get` (reconciling
 *   votes cast while the bot was down). Reactions need no `channels:history`/`groups:history`;
 * - `users:read`: `users.info`, so approval notes name maintainers instead of showing their ids.
 */
export const BOT_SCOPES = ['commands', 'chat:write', 'reactions:read', 'reactions:write', 'users:read'] as const;

/** Events the bot subscribes to (maintainers vote with reactions). */
export const BOT_EVENTS = ['reaction_added', 'reaction_removed'] as const;

export interface ManifestOptions {
  /** App and bot name (default `vlm-curator`). */
  name?: string;
  /**
   * HTTP mode: the public URL Slack should call, e.g. `https://bot.example.org/slack/events`
   * (one URL for commands, interactivity and events). Absent: Socket Mode (no public URL).
   */
  requestUrl?: string;
  /** The slash command (default `/vlm`). */
  command?: string;
}

/** The subset of Slack's app manifest schema this bot uses. */
export interface SlackManifest {
  display_information: { name: string; description: string; background_color: string };
  features: {
    bot_user: { display_name: string; always_online: boolean };
    slash_commands: { command: string; description: string; usage_hint: string; should_escape: boolean; url?: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[]; request_url?: string };
    interactivity: { is_enabled: boolean; request_url?: string };
    org_deploy_enabled: boolean;
    socket_mode_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

/** Manifest limits: app name 35, description 140, usage hint 1000, slash command 32 characters. */
const LIMITS = { name: 35, description: 140, usageHint: 1000, command: 32 };

/**
 * The app manifest to paste into Slack's "Create an app → From a manifest": the slash command
 * (its usage hint lists the registry's commands), bot scopes, reaction events, interactivity
 * (paging buttons) and Socket Mode — or, with `requestUrl`, the HTTP request URLs instead.
 */
export function buildManifest(registry: Registry, options: ManifestOptions = {}): SlackManifest {
  const name = options.name ?? 'vlm-curator';
  const command = options.command ?? SLASH_COMMAND;
  if (name.length > LIMITS.name) throw new Error(`slack/manifest: the app name must be at most ${LIMITS.name} characters`);
  if (!/^\/[a-z0-9_-]{1,31}$/.test(command)) throw new Error('slack/manifest: the slash command must look like /vlm (lower case, at most 32 characters)');
  const url = options.requestUrl ? requestUrl(options.requestUrl) : undefined;
  const names = registry
    .list()
    .map((c) => c.name)
    .sort();
  return {
    display_information: {
      name,
      description: 'Search the Awesome Vision-Language Models list; daily arXiv candidates for its maintainers.'.slice(0, LIMITS.description),
      background_color: '#1d3557',
    },
    features: {
      bot_user: { display_name: name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-'), always_online: true },
      slash_commands: [
        {
          command,
          description: 'Search the Awesome Vision-Language Models list',
          usage_hint: usageHint(names),
          should_escape: false,
          ...(url ? { url } : {}),
        },
      ],
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      event_subscriptions: { ...(url ? { request_url: url } : {}), bot_events: [...BOT_EVENTS] },
      interactivity: { is_enabled: true, ...(url ? { request_url: url } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: !url,
      token_rotation_enabled: false,
    },
  };
}

/** `[search|paper|…] [words] [--option value]`, shortened to the 1,000-character limit. */
function usageHint(names: string[]): string {
  const hint = (list: string[]) => `[${list.join('|')}] [words] [--option value]`;
  const shown = [...names];
  while (shown.length > 1 && hint(shown).length > LIMITS.usageHint) shown.pop();
  return hint(shown.length < names.length ? [...shown, '…'] : shown);
}

/** Accepts a base URL (`https://bot.example.org`) or the full events URL; Slack requires https. */
function requestUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`slack/manifest: --url must be a URL, e.g. https://bot.example.org${SLACK_EVENTS_PATH}`);
  }
  if (url.protocol !== 'https:') throw new Error('slack/manifest: Slack only calls https request URLs');
  if (url.pathname === '/' || url.pathname === '') url.pathname = SLACK_EVENTS_PATH;
  return url.href;
}
