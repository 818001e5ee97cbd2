/**
 * One small error class per way reading a feed can fail, each carrying what the catcher needs
 * (URL, status, limits) and a message that starts with the module and says what to do.
 * `code` is stable: the poller stores it as a feed's last error and tests match on it.
 */
export abstract class FeedError extends Error {
  abstract readonly code: string;
  constructor(
    message: string,
    /** The URL or file the failure is about, when there is one. */
    readonly source?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The whole request (headers and body) did not finish within `timeoutMs`; the socket was closed. */
export class FeedTimeoutError extends FeedError {
  override name = 'FeedTimeoutError';
  readonly code = 'feed-timeout';
  constructor(
    readonly url: string,
    readonly timeoutMs: number,
  ) {
    super(`feed/fetch: request timed out after ${timeoutMs} ms: GET ${url} (raise FEED_TIMEOUT_MS if the server is just slow)`, url);
  }
}

/** The body grew past `maxBytes`; reading stopped there and the connection was dropped. */
export class FeedTooLargeError extends FeedError {
  override name = 'FeedTooLargeError';
  readonly code = 'feed-too-large';
  constructor(
    readonly url: string,
    readonly maxBytes: number,
    /** Bytes received (or the declared/file size) when we gave up. */
    readonly receivedBytes: number,
  ) {
    super(
      `feed/fetch: response is larger than the ${maxBytes}-byte cap, stopped after ${receivedBytes} bytes: GET ${url} (raise FEED_MAX_BYTES if the feed is really this big)`,
      url,
    );
  }
}

/** The server answered with a status we do not accept (after the retries it deserved). */
export class FeedHttpError extends FeedError {
  override name = 'FeedHttpError';
  readonly code = 'feed-http';
  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    readonly attempts: number,
    /** Set when the server asked us to come back later than we are willing to wait in one poll. */
    readonly retryAfterMs?: number,
  ) {
    super(`feed/fetch: ${describeStatus(status, statusText, attempts, retryAfterMs)}: GET ${url}`, url);
  }
}

function describeStatus(status: number, statusText: string, attempts: number, retryAfterMs?: number): string {
  const head = `HTTP ${status}${statusText ? ' ' + statusText : ''}`;
  if (retryAfterMs !== undefined) {
    return `${head}, server asks to retry after ${Math.ceil(retryAfterMs / 1000)} s, longer than one poll waits; the next poll will try again`;
  }
  const hint = status === 404 || status === 410 ? ' (check the feed URL)' : status >= 500 || status === 429 ? ' (the server is struggling; the next poll will try again)' : '';
  return `${head}${afterAttempts(attempts)}${hint}`;
}

/** DNS, connection refused/reset and other transport failures (after the retries). */
export class FeedNetworkError extends FeedError {
  override name = 'FeedNetworkError';
  readonly code = 'feed-network';
  constructor(
    readonly url: string,
    cause: unknown,
    readonly attempts: number,
  ) {
    super(`feed/fetch: network error (${networkReason(cause)})${afterAttempts(attempts)}: GET ${url} (check the URL and the connection)`, url, { cause });
  }
}

/** ` after N attempts` when the request was retried; '' after one. */
function afterAttempts(attempts: number): string {
  return attempts > 1 ? ` after ${attempts} attempts` : '';
}

/** The most specific reason undici gives: `ECONNREFUSED` lives on `cause.cause.code`. */
function networkReason(err: unknown): string {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e; depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string') return code;
    const next = (e as { cause?: unknown }).cause;
    if (!next && typeof message === 'string') return message;
    e = next;
  }
  return String(err);
}

/** The feed redirected somewhere we do not follow: another site not in FEED_ALLOWED_HOSTS, a non-http(s) URL, or too many hops. */
export class FeedRedirectError extends FeedError {
  override name = 'FeedRedirectError';
  readonly code = 'feed-redirect';
  constructor(
    readonly url: string,
    readonly location: string,
    problem: string,
  ) {
    super(`feed/fetch: ${problem}: GET ${url} → ${location}`, url);
  }
}

/** The text is not an RSS/RDF/Atom feed, or not well-formed XML. */
export class FeedParseError extends FeedError {
  override name = 'FeedParseError';
  readonly code = 'feed-parse';
  constructor(
    /** What was wrong, e.g. `not a feed (looks like an HTML page): 503 Service Unavailable`. */
    readonly reason: string,
    source?: string,
    options?: { cause?: unknown },
  ) {
    super(`feed/parse: ${reason}${source ? ` (from ${source})` : ''}`, source, options);
  }
}

/** A feed source that is neither a readable file nor an http(s) URL. */
export class FeedSourceError extends FeedError {
  override name = 'FeedSourceError';
  readonly code = 'feed-source';
  constructor(source: string, problem: string, options?: { cause?: unknown }) {
    super(`feed/fetch: ${problem}: ${source} (give an existing file or an http(s) URL)`, source, options);
  }
}
