import { randomUUID } from 'node:crypto';
import type { NewsPublisher, PostedMessage, ReactionEvent, Vote } from '../../core/publisher.js';
import { VOTE_EMOJI } from '../../core/publisher.js';
import type { Reply } from '../../core/reply.js';
import { renderText } from './render.js';
import { styleFor } from './terminal-style.js';

/**
 * The News channel in a terminal: the digest and triage updates are printed (rendered like any
 * reply, control characters stripped). Lets `npm start` with no platform show digests, and
 * `curator digest` print one. Nobody can react in a terminal: triage there goes through
 * `/vlm triage …`, so `reactions` is empty and `onReaction` never fires.
 */
export class ConsoleNewsPublisher implements NewsPublisher {
  readonly platform = 'console' as const;
  readonly enabled = true;

  constructor(private readonly output: NodeJS.WritableStream = process.stdout) {}

  async post(reply: Reply): Promise<PostedMessage> {
    this.output.write(`\n📰 ${renderText(reply, styleFor(this.output))}`);
    return { platform: 'console', channelId: 'console', messageId: randomUUID() };
  }

  async postInThread(parent: PostedMessage, reply: Reply, reactions: readonly Vote[] = []): Promise<PostedMessage> {
    const affordances = reactions.length ? `   [${reactions.map((v) => VOTE_EMOJI[v].unicode).join(' ')}]\n` : '';
    this.output.write(`\n${indent(renderText(reply, styleFor(this.output)))}${affordances}`);
    return { platform: 'console', channelId: 'console', messageId: randomUUID(), threadId: parent.messageId };
  }

  async edit(_message: PostedMessage, reply: Reply): Promise<void> {
    this.output.write(`(updated) ${renderText(reply, styleFor(this.output))}`);
  }

  async reactions(): Promise<{ emoji: string; vote?: Vote; userIds: string[] }[]> {
    return [];
  }

  onReaction(_listener: (event: ReactionEvent) => void): () => void {
    return () => {};
  }

  /** The console operator is a maintainer (as in the console adapter). */
  async isMaintainer(): Promise<boolean> {
    return true;
  }
}

function indent(text: string): string {
  return text.replace(/^(?=.)/gm, '   ');
}
