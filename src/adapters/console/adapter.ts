import readline from 'node:readline';
import type { Bot } from '../../bot.js';
import type { Caller } from '../../core/caller.js';
import type { Reply } from '../../core/reply.js';
import { renderText } from './render.js';
import { styleFor, type TerminalStyle } from './terminal-style.js';

export interface ConsoleOptions {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** Shown before each line when the input is a terminal. */
  prompt?: string;
}

export const CONSOLE_CALLER: Caller = { platform: 'console', id: 'console', name: 'operator', isMaintainer: true };

/**
 * The bot in a terminal: one command per line (`/vlm search clip` or `search clip`), `more` pages
 * (`back` goes back), `help` lists commands, `quit` or end of input stops. Streams are injectable,
 * so tests drive it line by line exactly as a user would. The console operator is a maintainer.
 */
export class ConsoleAdapter {
  private next?: string;
  private prev?: string;
  private readonly output: NodeJS.WritableStream;
  private readonly style: TerminalStyle;

  constructor(
    private readonly bot: Bot,
    private readonly options: ConsoleOptions = {},
  ) {
    this.output = options.output ?? process.stdout;
    this.style = styleFor(this.output);
  }

  /** Handles one line and returns the rendered answer (empty for blank lines). */
  async handle(line: string): Promise<string> {
    const text = line.trim();
    if (!text) return '';
    const ctx = this.bot.context(CONSOLE_CALLER);
    let reply: Reply;
    if (/^(more|next|n)$/i.test(text)) {
      if (!this.next) return 'Nothing more to show.\n';
      reply = await this.bot.registry.more(this.next, ctx);
    } else if (/^(back|prev|previous|p)$/i.test(text)) {
      if (!this.prev) return 'Already at the first page.\n';
      reply = await this.bot.registry.more(this.prev, ctx);
    } else {
      reply = await this.bot.registry.runLine(text, ctx);
    }
    if (reply.status === undefined || reply.status === 'ok' || reply.page) {
      this.next = reply.page?.next;
      this.prev = reply.page?.prev;
    }
    return renderText(reply, this.style);
  }

  /** Reads lines until `quit` or end of input. Resolves when done; never exits the process. */
  async run(): Promise<void> {
    const input = this.options.input ?? process.stdin;
    const rl = readline.createInterface({ input, output: this.output, terminal: (input as NodeJS.ReadStream).isTTY === true });
    const prompt = this.options.prompt ?? 'vlm> ';
    const interactive = (input as NodeJS.ReadStream).isTTY === true;
    rl.setPrompt(prompt);
    this.output.write(`vlm-curator — ${this.bot.catalogue.index.size} entries from ${this.bot.catalogue.file}. Type \`help\`, or \`quit\` to leave.\n`);
    if (interactive) rl.prompt();
    for await (const line of rl) {
      if (/^\s*(quit|exit|\.exit)\s*$/i.test(line)) break;
      this.output.write(await this.handle(line));
      if (interactive) rl.prompt();
    }
    rl.close();
  }

  /** Prints a reply that did not come from a typed command (the digest, triage updates). */
  print(reply: Reply): void {
    this.output.write(renderText(reply, this.style));
  }
}
