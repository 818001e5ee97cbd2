/**
 * The outbox (table `posted_messages`): every message the bot means to post is recorded before it
 * is posted (reserveMessage → post → markPosted), so a run interrupted by a crash resumes where it
 * stopped and never posts a message twice. The recorded address of each message is also how a
 * reaction finds its candidate.
 */
import type { Platform } from '../core/caller.js';
import type { Logger } from '../core/logger.js';
import type { NewsPublisher, PostedMessage } from '../core/publisher.js';
import { type Database, transaction } from '../db/database.js';
import { all, dropUndefined, one, optional, run, value } from '../db/rows.js';
import { errorMessage } from '../core/errors.js';

export type MessageKind = 'digest-header' | 'candidate' | 'alert';
export type MessageState = 'sending' | 'posted' | 'failed' | 'uncertain';

/** Identifies one message the bot means to post, at most once. */
export interface OutboxKey {
  platform: Platform;
  kind: MessageKind;
  day: string;
  candidateId?: number;
}

export interface OutboxEntry extends OutboxKey {
  id: number;
  state: MessageState;
  /** Set once posted. */
  message?: PostedMessage;
  error?: string;
}

interface OutboxRowSql {
  id: number;
  platform: Platform;
  kind: MessageKind;
  day: string;
  candidate_id: number | null;
  state: MessageState;
  channel_id: string | null;
  message_id: string | null;
  thread_id: string | null;
  error: string | null;
}

/** The posted messages over one connection (see the module comment). */
export class OutboxStore {
  constructor(private readonly db: Database) {}

  outboxEntry(key: OutboxKey): OutboxEntry | undefined {
    const row = one<OutboxRowSql>(
      this.db,
      'SELECT * FROM posted_messages WHERE platform = ? AND kind = ? AND day = ? AND IFNULL(candidate_id, 0) = ?',
      key.platform,
      key.kind,
      key.day,
      key.candidateId ?? 0,
    );
    return row && toOutbox(row);
  }

  /**
   * Records the intent to post `key`, in one transaction with `also` (e.g. marking a feed alerted).
   * Returns `{ go: true }` when the caller should post now: nothing was recorded, or an earlier
   * attempt failed with an error. Otherwise returns the existing entry: `posted` (use its message),
   * or `sending`/`uncertain` — an attempt was cut off (crash) and may have gone out, so it is
   * marked `uncertain` and must not be posted again.
   */
  reserveMessage(key: OutboxKey, now: number, also?: () => void): { go: true; entry: OutboxEntry } | { go: false; entry: OutboxEntry } {
    return transaction(this.db, () => {
      const existing = this.outboxEntry(key);
      if (existing && existing.state !== 'failed') {
        if (existing.state === 'sending') {
          run(this.db, `UPDATE posted_messages SET state = 'uncertain' WHERE id = ?`, existing.id);
          return { go: false as const, entry: { ...existing, state: 'uncertain' as const } };
        }
        return { go: false as const, entry: existing };
      }
      if (existing) {
        run(this.db, `UPDATE posted_messages SET state = 'sending', error = NULL, created_at = ? WHERE id = ?`, now, existing.id);
      } else {
        run(
          this.db,
          `INSERT INTO posted_messages (platform, kind, day, candidate_id, state, created_at) VALUES (?, ?, ?, ?, 'sending', ?)`,
          key.platform,
          key.kind,
          key.day,
          key.candidateId ?? null,
          now,
        );
      }
      also?.();
      return { go: true as const, entry: this.outboxEntry(key)! };
    });
  }

  /** Completes a reservation with the platform's address of the message. */
  markPosted(entryId: number, message: PostedMessage, now: number): void {
    run(
      this.db,
      `UPDATE posted_messages SET state = 'posted', channel_id = ?, message_id = ?, thread_id = ?, error = NULL, posted_at = ? WHERE id = ?`,
      message.channelId,
      message.messageId,
      message.threadId ?? null,
      now,
      entryId,
    );
  }

  /** The platform refused: the next digest run may try again. */
  markFailed(entryId: number, error: string): void {
    run(this.db, `UPDATE posted_messages SET state = 'failed', error = ? WHERE id = ?`, error, entryId);
  }

  /** Every posted message about a candidate (one per platform and kind), for editing it with the outcome. */
  messagesFor(candidateId: number): OutboxEntry[] {
    return all<OutboxRowSql>(this.db, `SELECT * FROM posted_messages WHERE candidate_id = ? AND state = 'posted' ORDER BY id`, candidateId).map(toOutbox);
  }

  /** The candidate a posted candidate message is about (to map a reaction to its candidate). */
  candidateIdFor(platform: Platform, channelId: string, messageId: string): number | undefined {
    return (
      value<number>(
        this.db,
        `SELECT candidate_id FROM posted_messages WHERE platform = ? AND channel_id = ? AND message_id = ? AND kind = 'candidate' AND candidate_id IS NOT NULL`,
        platform,
        channelId,
        messageId,
      ) ?? undefined
    );
  }
}

function toOutbox(r: OutboxRowSql): OutboxEntry {
  const message =
    r.message_id !== null && r.channel_id !== null ? dropUndefined({ platform: r.platform, channelId: r.channel_id, messageId: r.message_id, threadId: optional(r.thread_id) }) : undefined;
  return dropUndefined({
    id: r.id,
    platform: r.platform,
    kind: r.kind,
    day: r.day,
    candidateId: optional(r.candidate_id),
    state: r.state,
    message,
    error: optional(r.error),
  });
}

/**
 * Sends through the outbox for one platform and day; counts what it actually posted. The digest
 * posts through it, and triage posts a suggested paper (`/vlm suggest`) through it once.
 */
export class Outbox {
  sent = 0;

  constructor(
    private readonly store: OutboxStore,
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
  async send(key: { kind: MessageKind; candidateId?: number }, post: () => Promise<PostedMessage>, also?: () => void): Promise<PostedMessage | undefined> {
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
      this.store.markFailed(reserved.entry.id, errorMessage(err));
      throw err;
    }
    this.store.markPosted(reserved.entry.id, message, this.now());
    this.sent++;
    return message;
  }
}
