/**
 * A real HTTP server on 127.0.0.1 (ephemeral port) that plays arXiv's feed and API endpoints, and
 * misbehaves on request: 304s, Retry-After, 5xx, bodies that never end or never stop.
 * Routes are plain node:http handlers keyed by path; the canned ones below cover the usual faults.
 *
 *   const server = await startFeedServer({ '/rss/cs.CV': serveFeed(xml, { etag: '"v1"' }) });
 *   await fetchFeed(server.url('/rss/cs.CV'), …);
 *   await server.close();
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer, listenOnLoopback } from '../fakes/http.js';

export type FeedRoute = (req: IncomingMessage, res: ServerResponse) => void;

export interface RecordedRequest {
  method: string;
  /** Path without the query. */
  path: string;
  /** Path and query as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  /** `Date.now()` when the request arrived. */
  at: number;
}

export interface FeedServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  url(path: string): string;
  /** Every request, in arrival order. */
  requests: RecordedRequest[];
  requestsTo(path: string): RecordedRequest[];
  route(path: string, handler: FeedRoute): void;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/** Starts the server; unknown paths get 404. */
export async function startFeedServer(routes: Record<string, FeedRoute> = {}): Promise<FeedServer> {
  const table = new Map(Object.entries(routes));
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push({ method: req.method ?? 'GET', path, url: req.url ?? '/', headers: req.headers, at: Date.now() });
    const handler = table.get(path);
    if (handler) handler(req, res);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('no such feed');
  });
  const origin = await listenOnLoopback(server);
  return {
    origin,
    url: (path) => origin + path,
    requests,
    requestsTo: (path) => requests.filter((r) => r.path === path),
    route: (path, handler) => void table.set(path, handler),
    close: () => closeServer(server),
  };
}

/** Serves `text` with 200, or 304 when the request's If-None-Match / If-Modified-Since matches. */
export function serveFeed(text: string, opts: { etag?: string; lastModified?: string; contentType?: string } = {}): FeedRoute {
  return (req, res) => {
    const validators: Record<string, string> = {};
    if (opts.etag) validators.etag = opts.etag;
    if (opts.lastModified) validators['last-modified'] = opts.lastModified;
    const etagMatches = opts.etag !== undefined && req.headers['if-none-match'] === opts.etag;
    const dateMatches =
      opts.lastModified !== undefined &&
      req.headers['if-none-match'] === undefined &&
      req.headers['if-modified-since'] !== undefined &&
      Date.parse(req.headers['if-modified-since']) >= Date.parse(opts.lastModified);
    if (etagMatches || dateMatches) {
      res.writeHead(304, validators).end();
      return;
    }
    res.writeHead(200, { 'content-type': opts.contentType ?? 'application/rss+xml; charset=utf-8', ...validators }).end(text);
  };
}

/** Answers with a fixed status, headers and body. */
export function respond(status: number, body = '', headers: Record<string, string> = {}): FeedRoute {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(body);
  };
}

/** The n-th request gets the n-th handler; the last one repeats. */
export function sequence(...handlers: FeedRoute[]): FeedRoute {
  let n = 0;
  return (req, res) => handlers[Math.min(n++, handlers.length - 1)]!(req, res);
}

/** A route that watches how its responses end. */
export interface ObservedRoute {
  handler: FeedRoute;
  /** Resolves when a response closes before it finished, i.e. the client dropped the connection. */
  droppedByClient: Promise<void>;
  /** Bytes the server managed to write before the client went away. */
  bytesSent(): number;
}

function observe(start: (res: ServerResponse, sent: (n: number) => void) => void): ObservedRoute {
  let bytes = 0;
  let dropped!: () => void;
  const droppedByClient = new Promise<void>((resolve) => (dropped = resolve));
  return {
    droppedByClient,
    bytesSent: () => bytes,
    handler: (_req, res) => {
      res.on('close', () => {
        if (!res.writableFinished) dropped();
      });
      start(res, (n) => (bytes += n));
    },
  };
}

/** Sends headers and the start of a feed, then nothing, forever. */
export function neverEndingBody(): ObservedRoute {
  return observe((res, sent) => {
    const head = '<?xml version="1.0"?><rss version="2.0"><channel><title>slow</title>';
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.write(head);
    sent(head.length);
  });
}

/** Streams `totalBytes` of feed-looking XML as fast as the client reads, without a Content-Length. */
export function hugeBody(totalBytes: number, chunkBytes = 64 * 1024): ObservedRoute {
  return observe((res, sent) => {
    const chunk = Buffer.alloc(chunkBytes, '<item><title>x</title></item>\n');
    let remaining = totalBytes;
    let open = true;
    res.on('close', () => (open = false));
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    const pump = () => {
      while (open && remaining > 0) {
        const n = Math.min(chunkBytes, remaining);
        remaining -= n;
        sent(n);
        if (!res.write(n === chunkBytes ? chunk : chunk.subarray(0, n))) {
          res.once('drain', pump);
          return;
        }
      }
      if (open) res.end();
    };
    pump();
  });
}

/** What arXiv's front end sends when it is overloaded: an HTML page with status 200. */
export const HTML_ERROR_PAGE = `<!DOCTYPE html>
<html lang="en"><head><title>arXiv is temporarily unavailable</title></head>
<body><h1>Service Unavailable</h1><p>Please try again later.</p></body></html>`;

/** A current-format feed (RSS 2.0) around the given `<item>` elements; no items = a weekend feed. */
export function rss2Feed(items: string[] = [], title = 'cs.CV updates on arXiv.org'): string {
  return `<?xml version='1.0' encoding='UTF-8'?>
<rss xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" version="2.0">
  <channel>
    <title>${title}</title>
    <link>http://rss.arxiv.org/rss/cs.CV</link>
    <description>cs.CV updates on the arXiv.org e-print archive.</description>
    <pubDate>Sat, 18 Apr 2026 00:00:00 -0400</pubDate>
    <skipDays><day>Sunday</day><day>Saturday</day></skipDays>
${items.join('\n')}
  </channel>
</rss>`;
}

/** One current-format item; override any field, or pass `null` to leave it out. XML-escape values yourself. */
export function rss2Item(fields: Partial<Record<'id' | 'title' | 'type' | 'abstract' | 'creator' | 'categories', string | null>> = {}): string {
  const id = fields.id ?? '2604.01234';
  const type = fields.type === undefined ? 'new' : fields.type;
  // The description repeats id and type, so leaving either out must leave it out there too.
  const head = fields.id === null || type === null ? '' : `arXiv:${id}v1 Announce Type: ${type} \n`;
  const parts = [
    fields.title === null ? '' : `<title>${fields.title ?? 'A Test Paper on Vision-Language Models'}</title>`,
    fields.id === null ? '' : `<link>https://arxiv.org/abs/${id}</link>`,
    fields.abstract === null ? '' : `<description>${head}Abstract: ${fields.abstract ?? 'We test things.'}</description>`,
    fields.id === null ? '' : `<guid isPermaLink="false">oai:arXiv.org:${id}v1</guid>`,
    ...(fields.categories === null ? [] : (fields.categories ?? 'cs.CV cs.CL').split(' ').map((c) => `<category>${c}</category>`)),
    '<pubDate>Fri, 17 Apr 2026 00:00:00 -0400</pubDate>',
    type === null ? '' : `<arxiv:announce_type>${type}</arxiv:announce_type>`,
    fields.creator === null ? '' : `<dc:creator>${fields.creator ?? 'Ada Lovelace, Alan Turing'}</dc:creator>`,
  ];
  return `    <item>\n      ${parts.filter(Boolean).join('\n      ')}\n    </item>`;
}
