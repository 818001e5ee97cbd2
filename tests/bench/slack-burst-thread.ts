/**
 * Slack's side of the acks bench, on a thread of its own (as Slack's servers are another machine):
 * for each `{ url, secret, responseUrls }` it sends one signed `/vlm search clip` per response URL,
 * all at once, and answers with each request's time to its 200 (ms).
 */
import { parentPort } from 'node:worker_threads';
import { SlackSender } from '../fakes/slack/send.js';

parentPort!.on('message', (m: { url: string; secret: string; responseUrls: string[] }) => {
  const sender = new SlackSender(m.url, m.secret);
  void Promise.all(
    m.responseUrls.map(async (response_url) => {
      const t0 = performance.now();
      const res = await sender.slashCommand({ text: 'search clip', response_url });
      if (res.status !== 200) throw new Error(`acks bench: Slack answered ${res.status}`);
      return performance.now() - t0;
    }),
  ).then(
    (times) => parentPort!.postMessage({ times }),
    (err: unknown) => parentPort!.postMessage({ error: String(err) }),
  );
});
parentPort!.postMessage({ ready: true });
