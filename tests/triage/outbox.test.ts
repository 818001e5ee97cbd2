import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { pollWith, tempDatabases } from '../helpers/db.js';

const dbs = tempDatabases();
afterEach(() => dbs.closeAll());
afterAll(() => dbs.cleanup());
const open = dbs.stores;

describe('the outbox', () => {
  it('outbox: reserve → posted is final; a failure may be retried; an interrupted send is never retried', () => {
    const stores = open('outbox');
    pollWith(stores, 'f', 1, [['2604.00001', 0.9]]);
    const id = stores.triage.candidateByArxivId('2604.00001')!.id;
    const header = { platform: 'discord' as const, kind: 'digest-header' as const, day: '2026-04-20' };

    const r1 = stores.outbox.reserveMessage(header, 1);
    expect(r1).toMatchObject({ go: true, entry: { state: 'sending' } });
    stores.outbox.markPosted(r1.entry.id, { platform: 'discord', channelId: 'news', messageId: 'm1' }, 2);
    expect(stores.outbox.reserveMessage(header, 3)).toMatchObject({ go: false, entry: { state: 'posted', message: { channelId: 'news', messageId: 'm1' } } });
    // The same kind and day on another platform is another message.
    expect(stores.outbox.reserveMessage({ ...header, platform: 'slack' }, 3).go).toBe(true);

    const cand = { platform: 'discord' as const, kind: 'candidate' as const, day: '2026-04-20', candidateId: id };
    const r2 = stores.outbox.reserveMessage(cand, 4);
    stores.outbox.markFailed(r2.entry.id, 'HTTP 503');
    expect(stores.outbox.reserveMessage(cand, 5)).toMatchObject({ go: true, entry: { state: 'sending' } });
    // Left at 'sending' (the process died mid-post): may have gone out, so never again.
    expect(stores.outbox.reserveMessage(cand, 6)).toMatchObject({ go: false, entry: { state: 'uncertain' } });
    expect(stores.outbox.reserveMessage(cand, 7)).toMatchObject({ go: false, entry: { state: 'uncertain' } });
  });

  it('outbox: the database itself refuses a second header for the same platform and day', () => {
    const stores = open('unique');
    const insert = stores.db.prepare(`INSERT INTO posted_messages (platform, kind, day, candidate_id, state, created_at) VALUES ('slack', 'digest-header', '2026-04-20', NULL, 'posted', 1)`);
    insert.run();
    expect(() => insert.run()).toThrow(/UNIQUE/);
  });

  it('maps a posted candidate message back to its candidate', () => {
    const stores = open('address');
    pollWith(stores, 'f', 1, [['2604.00001', 0.9]]);
    const id = stores.triage.candidateByArxivId('2604.00001')!.id;
    const r = stores.outbox.reserveMessage({ platform: 'slack', kind: 'candidate', day: '2026-04-20', candidateId: id }, 1);
    stores.outbox.markPosted(r.entry.id, { platform: 'slack', channelId: 'C1', messageId: '1700.0001', threadId: '1700.0000' }, 2);
    expect(stores.triage.candidate(stores.outbox.candidateIdFor('slack', 'C1', '1700.0001')!)?.arxivId).toBe('2604.00001');
    expect(stores.outbox.candidateIdFor('slack', 'C1', 'other')).toBeUndefined();
    expect(stores.outbox.messagesFor(id).map((m) => m.message)).toEqual([{ platform: 'slack', channelId: 'C1', messageId: '1700.0001', threadId: '1700.0000' }]);
  });
});
