import type { Caller } from '../../core/caller.js';

/**
 * Who counts as a maintainer on Slack: the user ids in `SLACK_MAINTAINER_USER_IDS`. Slack has no
 * roles a bot token can read cheaply, and ids (unlike display names) cannot be changed by the user.
 */
export class SlackMaintainers {
  private readonly ids: ReadonlySet<string>;

  constructor(userIds: readonly string[]) {
    this.ids = new Set(userIds.map((id) => id.trim()).filter(Boolean));
  }

  has(userId: string): boolean {
    return this.ids.has(userId);
  }

  /** The command caller for a Slack user. */
  caller(userId: string, name?: string): Caller {
    return { platform: 'slack', id: userId, name, isMaintainer: this.has(userId) };
  }
}
