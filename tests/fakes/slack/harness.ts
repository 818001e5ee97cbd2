/**
 * The bot on Slack for a test: the real list (a temp copy), the real commands plus any extra
 * ones, the fake Slack, and `startSlack` in HTTP mode on 127.0.0.1 (ephemeral port). Requests are
 * sent signed through `sender`; everything is torn down by `close()`.
 */
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBot, type Bot } from '../../../src/bot.js';
import type { Command } from '../../../src/core/command.js';
import { createMemoryLogger } from '../../../src/core/logger.js';
import { Registry } from '../../../src/core/registry.js';
import { type RunningSlack, startSlack } from '../../../src/adapters/slack/index.js';
import type { SlackAdapterOptions, SlackConfig } from '../../../src/adapters/slack/adapter.js';
import { type FakeSlack, startFakeSlack } from './fake-slack.js';
import { attachSocketMode, type FakeSocketMode } from './fake-socket-mode.js';
import { SlackSender } from './send.js';

export const BOT_TOKEN = 'xoxb-1111-2222-test-bot-token';
export const SIGNING_SECRET = 'test-signing-secret-8f742231b10e';
export const MAINTAINER = 'U0MAINT01';
export const APP_TOKEN = 'xapp-1-A0APP0001-test-app-token';

const SURVEY = fileURLToPath(new URL('../../../data/survey.md', import.meta.url));

export interface SlackHarness {
  fake: FakeSlack;
  sender: SlackSender;
  slack: RunningSlack;
  bot: Bot;
  log: ReturnType<typeof createMemoryLogger>;
  /** Socket Mode harnesses: the fake Socket Mode server the app is connected to. */
  socket?: FakeSocketMode;
  close(): Promise<void>;
}

export async function startSlackHarness(
  options: { commands?: Command[]; config?: Partial<SlackConfig>; adapter?: SlackAdapterOptions; socketMode?: boolean } = {},
): Promise<SlackHarness> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vlm-slack-'));
  const surveyPath = path.join(dir, 'survey.md');
  await copyFile(SURVEY, surveyPath);
  const log = createMemoryLogger();
  const registry = Registry.from([...(await Registry.load()).list(), ...(options.commands ?? [])]);
  const bot = await createBot({ surveyPath, log, registry });
  const fake = await startFakeSlack({ botToken: BOT_TOKEN, appToken: APP_TOKEN, users: { [MAINTAINER]: { name: 'ada', real_name: 'Ada Lovelace', display_name: 'Ada' } } });
  const socket = options.socketMode ? await attachSocketMode(fake) : undefined;
  const config: SlackConfig = {
    botToken: BOT_TOKEN,
    ...(socket ? { appToken: APP_TOKEN } : { signingSecret: SIGNING_SECRET }),
    apiUrl: fake.apiUrl,
    port: 0,
    newsChannel: 'C0NEWS001',
    maintainerUserIds: [MAINTAINER],
    ...options.config,
  };
  let slack: RunningSlack;
  try {
    slack = await startSlack(bot, config, { host: '127.0.0.1', ...options.adapter });
  } catch (err) {
    await socket?.close();
    await fake.close();
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  const sender = new SlackSender(`http://127.0.0.1:${slack.port}/slack/events`, SIGNING_SECRET);
  return {
    fake,
    sender,
    slack,
    bot,
    log,
    socket,
    close: async () => {
      await slack.stop();
      await socket?.close();
      await fake.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
