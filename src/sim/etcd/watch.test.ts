import { describe, expect, it } from 'vitest';
import { FROM_KEY, prefixRange } from './key-range';
import { collector, newEtcd } from './test-helpers';

describe('watch', () => {
  it('delivers through the engine, never inside the write', () => {
    const { engine, etcd } = newEtcd();
    const c = collector();
    etcd.watch({ key: 'k' }, c.push);
    etcd.put({ key: 'k', value: 'v' });
    expect(c.texts).toEqual([]);
    engine.runFor(0);
    expect(c.texts).toEqual([]);
    engine.runFor(1);
    expect(c.texts).toEqual(['2: PUT k=v@2/2/1']);
    expect(engine.now()).toBe(1);
  });

  it('a synced watch sees only future events, one response per revision', () => {
    const { engine, etcd } = newEtcd();
    etcd.put({ key: 'a', value: 'before' });
    const c = collector();
    etcd.watch({ ...prefixRange('') }, c.push);
    etcd.put({ key: 'a', value: '1' });
    etcd.txn({ success: [{ requestPut: { key: 'b', value: '2' } }, { requestPut: { key: 'c', value: '3' } }, { requestDeleteRange: { key: 'a' } }] });
    etcd.deleteRange({ key: 'missing' });
    engine.runUntilIdle();
    expect(c.texts).toEqual([
      '3: PUT a=1@2/3/2',
      '4: PUT b=2@4/4/1, PUT c=3@4/4/1, DELETE a@4',
    ]);
    const del = c.responses[1]!.events[2]!;
    expect(del.kv).toEqual({ key: 'a', createRevision: 0, modRevision: 4, version: 0, value: '', lease: 0n });
  });

  it('prev kv on updates and deletes, never on creates', () => {
    const { engine, etcd } = newEtcd();
    const c = collector();
    etcd.watch({ key: 'k', prevKv: true }, c.push);
    etcd.put({ key: 'k', value: 'v1' });
    etcd.put({ key: 'k', value: 'v2' });
    etcd.deleteRange({ key: 'k' });
    etcd.put({ key: 'k', value: 'v3' });
    engine.runUntilIdle();
    expect(c.texts).toEqual([
      '2: PUT k=v1@2/2/1',
      '3: PUT k=v2@2/3/2 (prev k=v1@2/2/1)',
      '4: DELETE k@4 (prev k=v2@2/3/2)',
      '5: PUT k=v3@5/5/1',
    ]);
  });

  it('replays history from an old revision, batched with the current header revision, then goes on live', () => {
    const { engine, etcd } = newEtcd();
    etcd.put({ key: 'k', value: 'v1' }); // 2
    etcd.put({ key: 'other', value: 'o' }); // 3
    etcd.put({ key: 'k', value: 'v2' }); // 4
    etcd.deleteRange({ key: 'k' }); // 5
    const c = collector();
    etcd.watch({ key: 'k', startRevision: 3, prevKv: true }, c.push);
    etcd.put({ key: 'k', value: 'v3' }); // 6
    engine.runUntilIdle();
    expect(c.texts).toEqual(['5: PUT k=v2@2/4/2 (prev k=v1@2/2/1), DELETE k@5 (prev k=v2@2/4/2)', '6: PUT k=v3@6/6/1']);
  });

  it('a watch from the compact revision itself replays; from below it is cancelled', () => {
    const { engine, etcd } = newEtcd();
    for (let i = 0; i < 4; i++) etcd.put({ key: 'k', value: `v${i}` }); // 2..5
    etcd.compact(4);
    const ok = collector();
    etcd.watch({ key: 'k', startRevision: 4 }, ok.push);
    const gone = collector();
    const w = etcd.watch({ key: 'k', startRevision: 3 }, gone.push);
    etcd.put({ key: 'k', value: 'later' });
    engine.runUntilIdle();
    expect(ok.texts).toEqual(['5: PUT k=v2@2/4/3, PUT k=v3@2/5/4', '6: PUT k=later@2/6/5']);
    expect(gone.texts).toEqual(['canceled compact=4 rev=0']);
    expect(gone.responses[0]).toMatchObject({ watchId: w.id, events: [], canceled: true, compactRevision: 4 });
    expect(etcd.cancelWatch(w.id)).toBe(false);
  });

  it('a watch from a future revision waits for it', () => {
    const { engine, etcd } = newEtcd();
    const c = collector();
    etcd.watch({ key: 'k', startRevision: 4 }, c.push);
    etcd.put({ key: 'k', value: 'a' }); // 2
    etcd.put({ key: 'k', value: 'b' }); // 3
    etcd.put({ key: 'k', value: 'c' }); // 4
    engine.runUntilIdle();
    expect(c.texts).toEqual(['4: PUT k=c@2/4/3']);
  });

  it('ranges, from-key and filters', () => {
    const { engine, etcd } = newEtcd();
    const range = collector();
    const from = collector();
    const noPut = collector();
    etcd.watch({ key: 'b', rangeEnd: 'c' }, range.push);
    etcd.watch({ key: 'b', rangeEnd: FROM_KEY }, from.push);
    etcd.watch({ key: 'a', rangeEnd: FROM_KEY, filters: ['NOPUT'] }, noPut.push);
    for (const k of ['a', 'b', 'bb', 'c']) etcd.put({ key: k, value: '' });
    etcd.deleteRange({ key: 'a', rangeEnd: FROM_KEY });
    engine.runUntilIdle();
    expect(range.texts).toEqual(['3: PUT b=@3/3/1', '4: PUT bb=@4/4/1', '6: DELETE b@6, DELETE bb@6']);
    expect(from.texts).toEqual(['3: PUT b=@3/3/1', '4: PUT bb=@4/4/1', '5: PUT c=@5/5/1', '6: DELETE b@6, DELETE bb@6, DELETE c@6']);
    expect(noPut.texts).toEqual(['6: DELETE a@6, DELETE b@6, DELETE bb@6, DELETE c@6']);
  });

  it('cancel stops delivery, even of responses already queued', () => {
    const { engine, etcd } = newEtcd();
    const c = collector();
    const w = etcd.watch({ key: 'k' }, c.push);
    etcd.put({ key: 'k', value: '1' });
    w.cancel();
    etcd.put({ key: 'k', value: '2' });
    engine.runUntilIdle();
    expect(c.texts).toEqual([]);
    expect(etcd.cancelWatch(w.id)).toBe(false);
  });

  it('watch ids count up from 0', () => {
    const { etcd } = newEtcd();
    expect([etcd.watch({ key: 'a' }, () => {}).id, etcd.watch({ key: 'b' }, () => {}).id]).toEqual([0, 1]);
  });

  it('progress notify: an empty response with the current revision each quiet interval', () => {
    const { engine, etcd } = newEtcd({ progressNotifyIntervalMs: 2000 });
    const c = collector();
    const w = etcd.watch({ key: 'k', progressNotify: true }, c.push);
    etcd.put({ key: 'other', value: 'x' }); // 2, not watched
    engine.runUntil(2001);
    expect(c.texts).toEqual(['progress rev=2']);
    engine.runUntil(3000);
    etcd.put({ key: 'k', value: 'v' }); // 3: an event in the interval elides the next notification
    engine.runUntil(4001);
    expect(c.texts).toEqual(['progress rev=2', '3: PUT k=v@3/3/1']);
    engine.runUntil(6001);
    expect(c.texts).toEqual(['progress rev=2', '3: PUT k=v@3/3/1', 'progress rev=3']);
    w.cancel();
    expect(engine.pending).toBe(0);
  });

  it('a callback that writes gets its own events a delivery later, in order', () => {
    const { engine, etcd } = newEtcd();
    const seen: string[] = [];
    etcd.watch({ key: 'n' }, (resp) => {
      for (const e of resp.events) {
        seen.push(`${engine.now()}:${e.kv.value}`);
        const n = Number(e.kv.value);
        if (n < 3) etcd.put({ key: 'n', value: String(n + 1) });
      }
    });
    etcd.put({ key: 'n', value: '0' });
    engine.runUntilIdle();
    expect(seen).toEqual(['1:0', '2:1', '3:2', '4:3']);
  });

  it('replays in batches of at most 1000 revisions', () => {
    const { engine, etcd } = newEtcd();
    for (let i = 0; i < 2500; i++) etcd.put({ key: 'k', value: String(i) });
    const c = collector();
    etcd.watch({ key: 'k', startRevision: 1 }, c.push);
    engine.runUntilIdle();
    expect(c.responses.map((r) => r.events.length)).toEqual([1000, 1000, 500]);
    expect(c.responses.every((r) => r.header.revision === 2501)).toBe(true);
  });

  it('one change to several watchers: a response each, in watch id order, prev kv only where asked', () => {
    const { engine, etcd } = newEtcd();
    etcd.put({ key: 'k', value: 'v1' });
    const order: string[] = [];
    const ranged = collector();
    const exact = collector();
    const exactPrev = collector();
    const other = collector();
    etcd.watch({ ...prefixRange('') }, (r) => (order.push('ranged'), ranged.push(r)));
    etcd.watch({ key: 'k', prevKv: true }, (r) => (order.push('exact+prev'), exactPrev.push(r)));
    etcd.watch({ key: 'k' }, (r) => (order.push('exact'), exact.push(r)));
    etcd.watch({ key: 'other' }, other.push);
    etcd.watch({ key: 'k', filters: ['NOPUT'] }, other.push);
    etcd.put({ key: 'k', value: 'v2' });
    engine.runUntilIdle();
    expect(order).toEqual(['ranged', 'exact+prev', 'exact']);
    expect(ranged.texts).toEqual(['3: PUT k=v2@2/3/2']);
    expect(exact.texts).toEqual(['3: PUT k=v2@2/3/2']);
    expect(exactPrev.texts).toEqual(['3: PUT k=v2@2/3/2 (prev k=v1@2/2/1)']);
    expect(other.texts).toEqual([]);
    // Each response has its own list of events.
    expect(ranged.responses[0]!.events).not.toBe(exact.responses[0]!.events);
  });
});
