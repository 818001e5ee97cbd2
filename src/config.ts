import { createRequire } from 'node:module';
import path from 'node:path';
import type * as NodeCron from 'node-cron';
import { z } from 'zod';
import { errorMessage } from './core/errors.js';

/**
 * The environment, parsed once. Blank strings count as unset (so a copied `.env.example` works),
 * every problem is reported at once naming the variable to set, and secrets never appear in errors.
 * Options only one adapter understands live in that adapter's section.
 */

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const str = () => z.preprocess(blankToUndefined, z.string().trim().optional());
const list = () =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .optional()
      .transform((v) => (v ? v.split(/[\s,]+/).filter(Boolean) : [])),
  );
const bool = (def: boolean) =>
  z.preprocess(
    blankToUndefined,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
      .optional()
      .transform((v) => (v === undefined ? def : ['true', '1', 'yes'].includes(v))),
  );
const int = (def: number, min: number, max: number) =>
  z.preprocess(blankToUndefined, z.coerce.number().int().min(min).max(max).default(def));
const num = (def: number, min: number, max: number) =>
  z.preprocess(blankToUndefined, z.coerce.number().min(min).max(max).default(def));
/** A cron expression node-cron accepts (checked at start, so a typo stops the bot instead of the watch). */
const cron = (def: string, example: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .default(def)
      // node-cron is loaded only to check a value someone set: the defaults are known to be good.
      .refine((v) => v === def || (createRequire(import.meta.url)('node-cron') as typeof NodeCron).validate(v), {
        message: `must be a cron expression like "${example}" (minute hour day month weekday)`,
      }),
  );
/** An IANA time zone the runtime knows (America/New_York, Europe/Berlin, UTC). */
const timeZone = (def: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .default(def)
      .refine(isTimeZone, { message: 'must be an IANA time zone such as America/New_York, Europe/Berlin or UTC' }),
  );

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const url = (def?: string) =>
  z.preprocess(
    blankToUndefined,
    def === undefined ? z.url({ message: 'must be a URL' }).optional() : z.url({ message: 'must be a URL' }).default(def),
  );

const EnvSchema = z.object({
  SURVEY_PATH: str(),
  DATA_DIR: str(),
  TZ: timeZone('America/New_York'),
  LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(['debug', 'info', 'warn', 'error'], { message: 'must be debug, info, warn or error' }).default('info')),
  LOG_FORMAT: z.preprocess(blankToUndefined, z.enum(['json', 'pretty'], { message: 'must be json or pretty' }).optional()),
  LOG_FILE: str(),
  SHUTDOWN_TIMEOUT_MS: int(10_000, 100, 600_000),
  HEALTH_PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(65535).optional()),
  HEALTH_HOST: z.preprocess(blankToUndefined, z.string().trim().default('127.0.0.1')),
  LIST_LOCK_STALE_MS: int(10_000, 2000, 600_000),
  LIST_POLL_INTERVAL_MS: int(1000, 100, 60_000),

  DISCORD_TOKEN: str(),
  DISCORD_APPLICATION_ID: str(),
  DISCORD_GUILD_ID: str(),
  DISCORD_API_URL: url(),
  DISCORD_NEWS_CHANNEL_ID: str(),
  DISCORD_MAINTAINER_ROLE_IDS: list(),

  SLACK_BOT_TOKEN: str(),
  SLACK_APP_TOKEN: str(),
  SLACK_SIGNING_SECRET: str(),
  SLACK_API_URL: url(),
  SLACK_NEWS_CHANNEL: str(),
  SLACK_MAINTAINER_USER_IDS: list(),
  PORT: int(3000, 0, 65535),

  FEEDS: list(),
  ARXIV_API_URL: url('https://export.arxiv.org/api/query'),
  POLL_CRON: cron('15 0,6,12,18 * * *', '15 0,6,12,18 * * *'),
  DIGEST_CRON: cron('0 9 * * *', '0 9 * * *'),
  DIGEST_MAX: int(20, 1, 50),
  INCLUDE_CROSS_LISTS: bool(true),
  RELEVANCE_THRESHOLD: num(0.5, 0, 1),
  KEYWORDS_INCLUDE: list(),
  KEYWORDS_EXCLUDE: list(),
  RELEVANCE_RETRAIN_MIN_DECISIONS: int(10, 0, 100_000),
  FEED_TIMEOUT_MS: int(30_000, 100, 600_000),
  FEED_MAX_BYTES: int(20 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
  FEED_MIN_INTERVAL_MS: int(3000, 0, 600_000),
  FEED_ALLOWED_HOSTS: list(),

  APPROVALS_REQUIRED: int(1, 1, 20),
  GIT_COMMIT: bool(false),
  RECONCILE_INTERVAL_MS: int(300_000, 0, 86_400_000),

  LIST_PUBLISH: z.preprocess(blankToUndefined, z.enum(['none', 'pr'], { message: 'must be none or pr' }).default('none')),
  GITHUB_REPOSITORY: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, { message: 'must be owner/name, e.g. jingyi0000/VLM_survey' })
      .optional(),
  ),
  GITHUB_TOKEN: str(),
  GITHUB_API_URL: url('https://api.github.com'),
  GITHUB_LIST_PATH: z.preprocess(blankToUndefined, z.string().trim().default('README.md')),
  GITHUB_BASE_BRANCH: str(),
  LIST_SYNC_INTERVAL_MS: int(600_000, 0, 86_400_000),
});

export interface Config {
  surveyPath: string;
  dataDir: string;
  timezone: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Unset: pretty on a terminal, JSON lines otherwise. */
  logFormat?: 'json' | 'pretty';
  /** Logs go to this file instead of stderr (the console bot uses it so logs never split a reply). */
  logFile?: string;
  /** How long a shutdown may take before the process exits anyway. */
  shutdownTimeoutMs: number;
  /** GET /healthz on this port (and host) when set. */
  health?: { port: number; host: string };
  /** The configured secrets: the logger redacts them wherever they appear. */
  secrets: string[];
  /** How the list file is shared with people and other curator processes. */
  list: {
    /** A list lock not refreshed for this long was left by a crashed process (same value in every process). */
    lockStaleMs: number;
    /** The stat poll behind the file watcher (ms). */
    pollMs: number;
  };
  discord?: {
    token: string;
    applicationId?: string;
    guildId?: string;
    apiUrl?: string;
    newsChannelId?: string;
    maintainerRoleIds: string[];
  };
  slack?: {
    botToken: string;
    appToken?: string;
    signingSecret?: string;
    apiUrl?: string;
    port: number;
    newsChannel?: string;
    maintainerUserIds: string[];
  };
  feed: {
    urls: string[];
    arxivApiUrl: string;
    pollCron: string;
    digestCron: string;
    digestMax: number;
    includeCrossLists: boolean;
    threshold: number;
    keywordsInclude: string[];
    keywordsExclude: string[];
    /** New decisions that make a scheduled poll retrain the relevance model first (0: only `curator relevance retrain`). */
    retrainMinDecisions: number;
    timeoutMs: number;
    maxBytes: number;
    /** Least time between two requests to one site (arXiv's terms ask for 3 s). */
    minIntervalMs: number;
    /** Hosts a feed may redirect to besides its own site (and their subdomains). */
    allowedHosts: string[];
  };
  triage: {
    approvalsRequired: number;
    gitCommit: boolean;
    /** How often triage re-reads the reactions on open candidates (0 = only at start). */
    reconcileIntervalMs: number;
  };
  /** LIST_PUBLISH: where approvals go beyond the local file. */
  publish: 'none' | 'pr';
  /**
   * The list's GitHub repository: set when GITHUB_REPOSITORY and GITHUB_TOKEN are (LIST_PUBLISH=pr
   * requires them; `curator github check` works without it).
   */
  github?: GitHubConfig;
}

export interface GitHubConfig {
  owner: string;
  repo: string;
  /** A secret: never logged or printed. */
  token: string;
  apiUrl: string;
  /** The list's path in the repository. */
  listPath: string;
  /** Undefined: the repository's default branch. */
  baseBranch?: string;
  /** How often the list is fetched from the base branch (0 = only at start). */
  syncIntervalMs: number;
}

export const DEFAULT_FEED = 'https://rss.arxiv.org/rss/cs.CV';

/** Thrown with every problem listed; `main`/`cli` print it and exit non-zero. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`config: ${problems.length} problem(s) in the environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * Loads `.env` from `root` into `process.env` if the file exists. Variables already set in the
 * environment win, so `FOO=1 npm start` overrides the file.
 */
export function loadDotEnv(root = process.cwd()): void {
  try {
    process.loadEnvFile(path.join(root, '.env'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new ConfigError([`.env: ${errorMessage(err)}`]);
  }
}

/** Parses the environment (default `process.env`); `root` resolves the default paths. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): Config {
  const parsed = EnvSchema.safeParse(env);
  // Name the variable and the rule, never the value: it may be a token.
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message} (set ${String(i.path[0])} in .env or the environment)`);
  problems.push(...crossChecks(env));
  if (problems.length || !parsed.success) throw new ConfigError(problems);
  const e = parsed.data;
  const dataDir = path.resolve(root, e.DATA_DIR ?? 'data');
  return {
    surveyPath: path.resolve(root, e.SURVEY_PATH ?? path.join('data', 'survey.md')),
    dataDir,
    timezone: e.TZ,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    logFile: e.LOG_FILE ? path.resolve(root, e.LOG_FILE) : undefined,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    health: e.HEALTH_PORT === undefined ? undefined : { port: e.HEALTH_PORT, host: e.HEALTH_HOST },
    secrets: [e.DISCORD_TOKEN, e.SLACK_BOT_TOKEN, e.SLACK_APP_TOKEN, e.SLACK_SIGNING_SECRET, e.GITHUB_TOKEN].filter((v): v is string => !!v),
    list: { lockStaleMs: e.LIST_LOCK_STALE_MS, pollMs: e.LIST_POLL_INTERVAL_MS },
    discord: e.DISCORD_TOKEN
      ? {
          token: e.DISCORD_TOKEN,
          applicationId: e.DISCORD_APPLICATION_ID,
          guildId: e.DISCORD_GUILD_ID,
          apiUrl: e.DISCORD_API_URL,
          newsChannelId: e.DISCORD_NEWS_CHANNEL_ID,
          maintainerRoleIds: e.DISCORD_MAINTAINER_ROLE_IDS,
        }
      : undefined,
    slack: e.SLACK_BOT_TOKEN
      ? {
          botToken: e.SLACK_BOT_TOKEN,
          appToken: e.SLACK_APP_TOKEN,
          signingSecret: e.SLACK_SIGNING_SECRET,
          apiUrl: e.SLACK_API_URL,
          port: e.PORT,
          newsChannel: e.SLACK_NEWS_CHANNEL,
          maintainerUserIds: e.SLACK_MAINTAINER_USER_IDS,
        }
      : undefined,
    feed: {
      urls: e.FEEDS.length ? e.FEEDS : [DEFAULT_FEED],
      arxivApiUrl: e.ARXIV_API_URL ?? 'https://export.arxiv.org/api/query',
      pollCron: e.POLL_CRON,
      digestCron: e.DIGEST_CRON,
      digestMax: e.DIGEST_MAX,
      includeCrossLists: e.INCLUDE_CROSS_LISTS,
      threshold: e.RELEVANCE_THRESHOLD,
      keywordsInclude: e.KEYWORDS_INCLUDE,
      keywordsExclude: e.KEYWORDS_EXCLUDE,
      retrainMinDecisions: e.RELEVANCE_RETRAIN_MIN_DECISIONS,
      timeoutMs: e.FEED_TIMEOUT_MS,
      maxBytes: e.FEED_MAX_BYTES,
      minIntervalMs: e.FEED_MIN_INTERVAL_MS,
      allowedHosts: e.FEED_ALLOWED_HOSTS,
    },
    triage: { approvalsRequired: e.APPROVALS_REQUIRED, gitCommit: e.GIT_COMMIT, reconcileIntervalMs: e.RECONCILE_INTERVAL_MS },
    publish: e.LIST_PUBLISH,
    github:
      e.GITHUB_REPOSITORY && e.GITHUB_TOKEN
        ? {
            owner: e.GITHUB_REPOSITORY.split('/')[0]!,
            repo: e.GITHUB_REPOSITORY.split('/')[1]!,
            token: e.GITHUB_TOKEN,
            apiUrl: e.GITHUB_API_URL ?? 'https://api.github.com',
            listPath: e.GITHUB_LIST_PATH.replace(/^\/+/, ''),
            baseBranch: e.GITHUB_BASE_BRANCH,
            syncIntervalMs: e.LIST_SYNC_INTERVAL_MS,
          }
        : undefined,
  };
}

/** Rules that involve several variables (checked on the raw values so they join the zod problems). */
function crossChecks(env: NodeJS.ProcessEnv): string[] {
  const v = (name: string) => (env[name]?.trim() ? env[name]!.trim() : undefined);
  const problems: string[] = [];
  if (!v('DISCORD_TOKEN') && (v('DISCORD_APPLICATION_ID') || v('DISCORD_GUILD_ID') || v('DISCORD_NEWS_CHANNEL_ID'))) {
    problems.push('DISCORD_TOKEN: Discord settings are present but DISCORD_TOKEN is not set (set it to enable Discord, or remove the DISCORD_* variables)');
  }
  if (v('SLACK_BOT_TOKEN') && !v('SLACK_APP_TOKEN') && !v('SLACK_SIGNING_SECRET')) {
    problems.push('SLACK_SIGNING_SECRET: Slack in HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  if (v('SLACK_APP_TOKEN') && !v('SLACK_APP_TOKEN')!.startsWith('xapp-')) {
    problems.push('SLACK_APP_TOKEN: must be an app-level token starting with xapp- (Basic Information → App-Level Tokens)');
  }
  if (v('LIST_PUBLISH') === 'pr') {
    for (const name of ['GITHUB_REPOSITORY', 'GITHUB_TOKEN']) {
      if (!v(name)) problems.push(`${name}: LIST_PUBLISH=pr publishes approvals to GitHub and needs ${name} (see README: Publish approvals to GitHub)`);
    }
  }
  return problems;
}
