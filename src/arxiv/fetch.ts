import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock, type Clock } from './clock.js';
import { FeedHttpError, FeedNetworkError, FeedRedirectError, FeedSourceError, FeedTimeoutError, FeedTooLargeError } from './errors.js';
import { createHostGate, type HostGate, siteKey } from './host-gate.js';
import { backoffDelay, DEFAULT_RETRY, isRetryableStatus, parseRetryAfter, type RetryOptions } from './retry.js';

/** The validators a previous 200 response carried; sent back so the server can answer 304. */
export interface FeedValidator {
  etag?: string;
  lastModified?: string;
}

export type FeedFetchResult =
  | {
      status: 'ok';
      text: string;
      /** The URL the text came from (after redirects), or the absolute file path. */
      url: string;
      etag?: string;
      lastModified?: string;
      contentType?: string;
      /** Size of the body as received (decompressed). */
      bytes: number;
    }
  | { status: 'not-modified'; url: string };

export interface FetchFeedOptions {
  /** Whole-request limit (headers and body), per attempt. Default 30 000 (config: FEED_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Body size cap in bytes. Default 20 MiB (config: FEED_MAX_BYTES). */
  maxBytes?: number;
  /** From the last successful fetch of this URL: enables the 304 answer. */
  validator?: FeedValidator;
  retry?: RetryOptions;
  /** Politeness gate; defaults to one shared, process-wide gate with arXiv's 3-second spacing. */
  gate?: HostGate;
  /** Used for backoff waits and Retry-After dates. */
  clock?: Clock;
  userAgent?: string;
  /** Cancels the fetch (e.g. on shutdown); the fetch rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * Hosts a redirect may lead to besides the feed's own site (FEED_ALLOWED_HOSTS): `example.org`
   * also allows its subdomains. A redirect anywhere else is refused.
   */
  allowedHosts?: readonly string[];
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_USER_AGENT = 'vlm-curator/0.1 (arXiv watch of the Awesome Vision-Language Models list)';

const sharedGate = createHostGate();
/** Browsers stop at 20; a feed has no business redirecting more than a few times. */
const MAX_REDIRECTS = 5;

type Attempt =
  | { kind: 'done'; result: FeedFetchResult }
  | { kind: 'http-error'; status: number; statusText: string; retryAfter: string | null }
  | { kind: 'network-error'; cause: unknown };

/**
 * GETs a feed with our own guarantees, which rss-parser's fetching lacks:
 * - `timeoutMs` covers headers *and* body; when it fires the request is aborted and the socket closed;
 * - the body is streamed and the request aborted as soon as it passes `maxBytes`;
 * - with a `validator` it sends If-None-Match / If-Modified-Since and reports 304 as `not-modified`;
 * - 429/5xx and network errors are retried (bounded attempts, exponential backoff, `Retry-After` honoured);
 *   timeouts and oversize bodies are not, since a second try costs the same again;
 * - redirects are followed only within the feed's own site or to FEED_ALLOWED_HOSTS, at most 5;
 * - every request (each attempt, each redirect hop) passes the politeness gate first.
 * Resolves with the text, or throws FeedTimeoutError, FeedTooLargeError, FeedHttpError, FeedRedirectError or FeedNetworkError
 * (FeedSourceError for a URL that is not http(s); the signal's reason when cancelled).
 */
export async function fetchFeed(url: string, options: FetchFeedOptions = {}): Promise<FeedFetchResult> {
  if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) throw new FeedSourceError(url, 'not an http(s) URL');
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const clock = options.clock ?? systemClock;
  const gate = options.gate ?? sharedGate;
  const attempts = Math.max(1, retry.attempts);

  for (let attempt = 1; ; attempt++) {
    await gate.wait(url, options.signal);
    const outcome = await attemptOnce(url, options, gate);
    if (outcome.kind === 'done') return outcome.result;

    const last = attempt >= attempts;
    if (outcome.kind === 'network-error') {
      if (last) throw new FeedNetworkError(url, outcome.cause, attempt);
      await clock.sleep(backoffDelay(attempt, retry), options.signal);
      continue;
    }

    const { status, statusText } = outcome;
    if (!isRetryableStatus(status) || last) throw new FeedHttpError(url, status, statusText, attempt);
    const asked = parseRetryAfter(outcome.retryAfter, clock.now());
    if (asked !== undefined && asked > retry.maxRetryAfterMs) {
      throw new FeedHttpError(url, status, statusText, attempt, asked);
    }
    await clock.sleep(asked ?? backoffDelay(attempt, retry), options.signal);
  }
}

/**
 * One request (following allowed redirects), with its own timeout and size cap over the whole
 * chain. Only timeouts, oversize, refused redirects and cancellation throw.
 */
async function attemptOnce(url: string, options: FetchFeedOptions, gate: HostGate): Promise<Attempt> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const controller = new AbortController();
  // Why we aborted decides which error the caller gets; undici only reports "aborted".
  let stopped: Error | undefined;
  const stop = (err: Error) => {
    stopped ??= err;
    controller.abort(err);
  };
  const timer = setTimeout(() => stop(new FeedTimeoutError(url, timeoutMs)), timeoutMs);
  const onCancel = () => {
    const reason: unknown = options.signal?.reason;
    stop(reason instanceof Error ? reason : new Error(`feed/fetch: cancelled (${String(reason)}): GET ${url}`));
  };
  options.signal?.addEventListener('abort', onCancel, { once: true });
  if (options.signal?.aborted) onCancel();

  try {
    let current = url;
    let res: Response;
    for (let hops = 0; ; hops++) {
      // The first request passed the gate before the timer started; a redirect hop is a request too.
      if (hops > 0) await gate.wait(current, controller.signal);
      res = await fetch(current, { headers: requestHeaders(options), redirect: 'manual', signal: controller.signal });
      const location = isRedirect(res.status) ? res.headers.get('location') : null;
      if (location === null) break;
      await res.body?.cancel().catch(() => {});
      const next = URL.parse(location, current)?.href ?? location;
      if (hops >= MAX_REDIRECTS) throw new FeedRedirectError(url, next, `more than ${MAX_REDIRECTS} redirects (check the feed URL)`);
      refuseRedirect(url, next, options.allowedHosts ?? []);
      current = next;
    }
    if (res.status === 304) {
      await res.body?.cancel().catch(() => {});
      return { kind: 'done', result: { status: 'not-modified', url: current } };
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => {});
      return { kind: 'http-error', status: res.status, statusText: res.statusText, retryAfter: res.headers.get('retry-after') };
    }
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > maxBytes) {
      stop(new FeedTooLargeError(url, maxBytes, declared));
      throw stopped;
    }
    const body = await readCapped(res.body, maxBytes, (received) => stop(new FeedTooLargeError(url, maxBytes, received)));
    const contentType = res.headers.get('content-type') ?? undefined;
    return {
      kind: 'done',
      result: {
        status: 'ok',
        text: decode(body, contentType),
        url: current,
        etag: res.headers.get('etag') ?? undefined,
        lastModified: res.headers.get('last-modified') ?? undefined,
        contentType,
        bytes: body.byteLength,
      },
    };
  } catch (err) {
    if (stopped) throw stopped;
    if (err instanceof FeedRedirectError) throw err;
    return { kind: 'network-error', cause: err };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCancel);
  }
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/**
 * Throws FeedRedirectError unless `next` is an http(s) URL on the feed's own site (rss.arxiv.org →
 * export.arxiv.org is one site) or on an allowed host: a feed must not be able to send the bot to
 * an arbitrary address (an internal service, a metadata endpoint).
 */
function refuseRedirect(feedUrl: string, next: string, allowedHosts: readonly string[]): void {
  const target = URL.parse(next);
  if (!target || !/^https?:$/.test(target.protocol)) throw new FeedRedirectError(feedUrl, next, 'redirect to a URL that is not http(s) refused');
  if (siteKey(target) === siteKey(feedUrl)) return;
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (allowedHosts.some((h) => host === h.toLowerCase() || host.endsWith(`.${h.toLowerCase()}`))) return;
  throw new FeedRedirectError(feedUrl, next, `redirect to another site (${host}) refused (add it to FEED_ALLOWED_HOSTS if it is the feed's new home)`);
}

function requestHeaders(options: FetchFeedOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': options.userAgent ?? DEFAULT_USER_AGENT,
    accept: 'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1',
  };
  if (options.validator?.etag) headers['if-none-match'] = options.validator.etag;
  if (options.validator?.lastModified) headers['if-modified-since'] = options.validator.lastModified;
  return headers;
}

/** Reads a body chunk by chunk; calls `tooLarge` (which aborts the request) once it passes `maxBytes`. */
async function readCapped(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  tooLarge: (received: number) => void,
): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      tooLarge(received);
      await reader.cancel().catch(() => {});
      throw new Error('body over the size cap');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, received);
}

function decode(body: Buffer, contentType: string | undefined): string {
  const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}

/**
 * Reads a feed from an http(s) URL (through {@link fetchFeed}), a `file:` URL or a local path
 * (`curator poll --feed FILE`). Files get the same size cap and never answer `not-modified`.
 * Throws FeedSourceError when the file cannot be read or the scheme is not supported.
 */
export async function loadFeedSource(urlOrPath: string, options: FetchFeedOptions = {}): Promise<FeedFetchResult> {
  if (/^https?:\/\//i.test(urlOrPath)) return fetchFeed(urlOrPath, options);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(urlOrPath) && !/^file:/i.test(urlOrPath)) {
    throw new FeedSourceError(urlOrPath, 'unsupported feed source scheme');
  }
  const path = /^file:/i.test(urlOrPath) ? fileURLToPath(urlOrPath) : resolve(urlOrPath);
  const buf = await readFileCapped(path, options.maxBytes ?? DEFAULT_MAX_BYTES);
  return { status: 'ok', text: decode(buf, undefined), url: path, bytes: buf.byteLength };
}

/**
 * Reads a file counting the bytes as they come, so the cap holds for what a file's size does not
 * tell: `/dev/zero`, a pipe, a file still growing.
 */
async function readFileCapped(path: string, maxBytes: number): Promise<Buffer> {
  const CHUNK = 64 * 1024;
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw new FeedSourceError(path, `cannot read feed file (${(err as { code?: string }).code ?? String(err)})`, { cause: err });
  }
  try {
    const chunks: Buffer[] = [];
    let received = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK);
      const { bytesRead } = await handle.read(chunk, 0, CHUNK, null);
      if (bytesRead === 0) return Buffer.concat(chunks, received);
      received += bytesRead;
      if (received > maxBytes) throw new FeedTooLargeError(path, maxBytes, received);
      chunks.push(chunk.subarray(0, bytesRead));
    }
  } catch (err) {
    if (err instanceof FeedTooLargeError) throw err;
    throw new FeedSourceError(path, `cannot read feed file (${(err as { code?: string }).code ?? String(err)})`, { cause: err });
  } finally {
    await handle.close();
  }
}
