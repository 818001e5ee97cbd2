import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FeedSourceError, FeedTooLargeError } from '../../src/arxiv/errors.js';
import { loadFeedSource } from '../../src/arxiv/fetch.js';
import { rss2Feed, rss2Item } from '../helpers/feed-server.js';

const dir = mkdtempSync(join(tmpdir(), 'feed-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fixture(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('loadFeedSource with a file', () => {
  it('reads a path, dropping a BOM', async () => {
    const text = rss2Feed([rss2Item()]);
    const path = fixture('feed.xml', '\uFEFF' + text);
    expect(await loadFeedSource(path)).toEqual({ status: 'ok', text, url: path, bytes: Buffer.byteLength(text) + 3 });
  });

  it('reads a file: URL', async () => {
    const path = fixture('url.xml', 'x');
    expect(await loadFeedSource(pathToFileURL(path).href)).toMatchObject({ status: 'ok', text: 'x', url: path });
  });

  it('applies the size cap to files, counting bytes as they are read', async () => {
    const path = fixture('big.xml', 'x'.repeat(200_000));
    await expect(loadFeedSource(path, { maxBytes: 1000 })).rejects.toMatchObject({ constructor: FeedTooLargeError, maxBytes: 1000 });
    // A file whose size says nothing: /dev/zero reports 0 bytes and never ends.
    const err = await loadFeedSource('/dev/zero', { maxBytes: 256 * 1024 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FeedTooLargeError);
    expect((err as FeedTooLargeError).receivedBytes).toBeGreaterThan(256 * 1024);
    expect((err as FeedTooLargeError).receivedBytes).toBeLessThanOrEqual(256 * 1024 + 64 * 1024);
  });

  it('names a missing file and what to give instead', async () => {
    const path = join(dir, 'nope.xml');
    await expect(loadFeedSource(path)).rejects.toThrow(new FeedSourceError(path, 'cannot read feed file (ENOENT)'));
    await expect(loadFeedSource(path)).rejects.toThrow(/^feed\/fetch: cannot read feed file \(ENOENT\): .*nope\.xml \(give an existing file or an http\(s\) URL\)$/);
  });

  it('refuses schemes it does not speak', async () => {
    await expect(loadFeedSource('ftp://127.0.0.1/feed.xml')).rejects.toMatchObject({ code: 'feed-source' });
  });
});
