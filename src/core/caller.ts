export type Platform = 'console' | 'cli' | 'discord' | 'slack';

/** Who is asking. Adapters fill it from the platform's own identity. */
export interface Caller {
  platform: Platform;
  /** Platform user id (Discord snowflake, Slack `U…`, `console`). */
  id: string;
  name?: string;
  /** Maintainers may triage; adapters decide from roles/user lists in config. */
  isMaintainer: boolean;
}

/**
 * `discord:123…`, `slack:U0…`: how votes and decisions name a person. A platform account, not a
 * person: the platforms share no identity, so one person on Discord and on Slack is two voters.
 */
export function voterId(v: { platform: Platform; userId: string }): string {
  return `${v.platform}:${v.userId}`;
}
