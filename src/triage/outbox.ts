/**
 * The outbox: every message the bot means to post is recorded before it is posted
 * (store.reserveMessage → post → markPosted), so a run interrupted by a crash resumes where it
 * stopped and never posts a message twice.
 */
import type { Logger } from '../core/logger.js';
import type { NewsPublisher, PostedMessage } from '../core/publisher.js';
import type { TriageStore } from './store.js';

/**
 * Sends through the outbox for one platform and day; counts what it actually posted. The digest
 * posts through it, and triage posts a suggested paper (`/vlm suggest`) through it once.
 */
export class Outbox {
  sent = 0;

  constructor(
    private readonly store: TriageStore,
    private readonly publisher: NewsPublisher,
    private readonly day: string,
    private readonly now: () => number,
    private readonly log: Logger,
  ) {}

  /**
   * Posts once. Resolves with the message (posted now or recorded earlier), or undefined when an
   * earlier attempt was cut off and may have gone out (never re-sent). Throws the platform's error
   * after recording it as failed.
   */
  async send(key: { kind: 'digest-header' | 'candidate' | 'alert'; candidateId?: number }, post: () => Promise<PostedMessage>, also?: () => void): Promise<PostedMessage | undefined> {
    const full = { platform: this.publisher.platform, day: this.day, ...key };
    const reserved = this.store.reserveMessage(full, this.now(), also);
    if (!reserved.go) {
      if (reserved.entry.state === 'uncertain') {
        this.log.warn('digest: an earlier attempt at this message was interrupted and may have been posted; not posting it again', full);
      }
      return reserved.entry.message;
    }
    let message: PostedMessage;
    try {
      message = await post();
    } catch (err) {
      this.store.markFailed(reserved.entry.id, (err as Error)?.message ?? String(err));
      throw err;
    }
    this.store.markPosted(reserved.entry.id, message, this.now());
    this.sent++;
    return message;
  }
}
