/**
 * `etcdctl txn` through the shell, fed from a here-document as etcdctl reads stdin
 * (txn_command.go): compares, a blank line, success requests, a blank line, failure requests,
 * a blank line. Output as printer_simple.go / printer_json.go print a TxnResponse.
 */
import { describe, expect, it } from 'vitest';
import { etcdctlShell, failed, header, kvJson, ok } from './test-helpers';

/** The here-document for `etcdctl txn`: each section's lines, each section ended by a blank line. */
function txn(flags: string, compares: string[], success: string[], failure: string[]): string {
  const body = [...compares, '', ...success, '', ...failure, ''].join('\n');
  return `etcdctl txn${flags} <<EOF\n${body}\nEOF`;
}

describe('etcdctl txn', () => {
  it('runs the success branch when every compare holds; its writes share one revision', () => {
    const { run, rev0, rev } = etcdctlShell();
    expect(run(txn('', ['mod("/t/k") = "0"', 'create("/t/k2") = "0"'], ['put /t/k v1', 'put /t/k2 v2'], ['get /t/k']))).toEqual(ok('SUCCESS\n\nOK\n\nOK\n'));
    expect(rev()).toBe(rev0 + 1);
    expect(run('etcdctl get /t/ --prefix -w json')).toEqual(
      ok(`{"header":${header(rev0 + 1)},"kvs":[${kvJson('/t/k', 'v1', rev0 + 1, rev0 + 1, 1)},${kvJson('/t/k2', 'v2', rev0 + 1, rev0 + 1, 1)}],"count":2}\n`),
    );
  });

  it('runs the failure branch otherwise, printing each response after a blank line', () => {
    const { run, rev0, rev } = etcdctlShell();
    run('etcdctl put /t/k v1');
    expect(run(txn('', ['value("/t/k") = "other"'], ['put /t/k v2'], ['get /t/k', 'del /t/nothing']))).toEqual(ok('FAILURE\n\n/t/k\nv1\n\n0\n'));
    // Only reads (and a no-op delete) ran: no new revision.
    expect(rev()).toBe(rev0 + 1);
  });

  it('a failed compare whose else branch writes does bump the revision', () => {
    const { run, rev0, rev } = etcdctlShell();
    run('etcdctl put /t/k v1');
    expect(run(txn('', ['version("/t/k") > "5"'], [], ['put /t/k v2 --prev-kv']))).toEqual(ok('FAILURE\n\nOK\n/t/k\nv1\n'));
    expect(rev()).toBe(rev0 + 2);
  });

  it('compares on version, create, mod, value and lease, with the short forms', () => {
    const { run, rev0 } = etcdctlShell();
    run('etcdctl put /t/k v1');
    run('etcdctl put /t/k v2');
    const compares = [`ver("/t/k") = "2"`, `c("/t/k") = "${rev0 + 1}"`, `m("/t/k") = "${rev0 + 2}"`, `val("/t/k") != "v1"`, `lease("/t/k") = "0"`, `mod("/t/k") < "${rev0 + 3}"`];
    // A txn's get lines take get's flags, but --print-value-only only shapes `etcdctl get` output.
    expect(run(txn('', compares, ['get /t/k --print-value-only'], []))).toEqual(ok('SUCCESS\n\n/t/k\nv2\n'));
    expect(run(txn('', [`version("/t/k") > "2"`], [], ['get /t/k --keys-only']))).toEqual(ok('FAILURE\n\n/t/k\n\n'));
  });

  it('prints JSON with succeeded, responses named as json.Marshal names the oneof, and inner headers holding only the revision', () => {
    const { run, rev0 } = etcdctlShell();
    run('etcdctl put /t/a 1');
    run('etcdctl put /t/b 1');
    const out = run(txn(' -w json', ['mod("/t/a") > "0"'], ['put /t/a 2', 'get /t/a', 'del /t/b'], []));
    expect(out).toEqual(
      ok(
        `{"header":${header(rev0 + 3)},"succeeded":true,"responses":[` +
          `{"Response":{"response_put":{"header":{"revision":${rev0 + 3}}}}},` +
          `{"Response":{"response_range":{"header":{"revision":${rev0 + 3}},"kvs":[${kvJson('/t/a', '2', rev0 + 1, rev0 + 3, 2)}],"count":1}}},` +
          `{"Response":{"response_delete_range":{"header":{"revision":${rev0 + 3}},"deleted":1}}}]}\n`,
      ),
    );
  });

  it('a failed txn in JSON leaves out succeeded (false is omitted)', () => {
    const { run, rev0 } = etcdctlShell();
    expect(run(txn(' -w json', ['value("/t/none") = "x"'], [], []))).toEqual(ok(`{"header":${header(rev0)}}\n`));
  });

  it('rejects a key put twice in one branch, even the branch that would not run, and writes nothing', () => {
    const { run, rev0, rev } = etcdctlShell();
    expect(run(txn('', ['mod("/t/k") = "0"'], ['put /t/k a'], ['put /t/j b', 'put /t/j c']))).toEqual(failed(1, 'etcdserver: duplicate key given in txn request'));
    // A put inside a range the same branch deletes counts as a duplicate too (checkIntervals).
    expect(run(txn('', [], ['del /t/ --prefix', 'put /t/k a'], []))).toEqual(failed(1, 'etcdserver: duplicate key given in txn request'));
    expect(rev()).toBe(rev0);
  });

  it('needs the blank line that ends the failure section: without it, "Error: EOF" (exit 3) and nothing is sent', () => {
    const { run, rev0, rev } = etcdctlShell();
    expect(run('etcdctl txn <<EOF\nmod("/t/k") = "0"\n\nput /t/k v\nEOF')).toEqual(failed(3, 'EOF'));
    expect(run('etcdctl txn <<EOF\nmod("/t/k") = "0"\n\nput /t/k v\n\nEOF')).toEqual(failed(3, 'EOF'));
    expect(run('etcdctl txn')).toEqual(failed(3, 'EOF'));
    expect(rev()).toBe(rev0);
  });

  it('-i prints the prompts before each section', () => {
    const { run } = etcdctlShell();
    expect(run(txn(' -i', [], ['put /t/k v'], []))).toEqual(ok('compares:\nsuccess requests (get, put, del):\nfailure requests (get, put, del):\nSUCCESS\n\nOK\n'));
  });

  it('reports malformed input with exit 3', () => {
    const { run } = etcdctlShell();
    expect(run(txn('', ['mod /t/k = 0'], [], []))).toEqual(failed(3, 'malformed comparison: mod /t/k = 0'));
    expect(run(txn('', ['mod("/t/k") = 0'], [], []))).toEqual(failed(3, 'malformed comparison: mod("/t/k") = 0; got mod("/t/k") = ""'));
    expect(run(txn('', ['size("/t/k") = "0"'], [], []))).toEqual(failed(3, 'malformed comparison: size("/t/k") = "0" (unknown target size)'));
    expect(run(txn('', ['mod("/t/k") = "x"'], [], []))).toEqual(failed(3, 'invalid txn compare request: mod("/t/k") = "x"'));
    expect(run(txn('', [], ['frob /t/k'], []))).toEqual(failed(3, 'invalid txn request: frob /t/k'));
    expect(run(txn('', [], ['put'], []))).toEqual(failed(3, 'invalid txn compare request: put'));
  });

  it('takes quoted values in request lines', () => {
    const { run } = etcdctlShell();
    expect(run(txn('', [], ['put /t/k "hello world"', "put /t/j 'single quoted'"], []))).toEqual(ok('SUCCESS\n\nOK\n\nOK\n'));
    expect(run('etcdctl get /t/ --prefix --print-value-only')).toEqual(ok('single quoted\nhello world\n'));
  });

  it('a txn that is refused for reading a compacted revision fails and writes nothing', () => {
    const { run, rev0, rev } = etcdctlShell();
    run('etcdctl put /t/k 1');
    run('etcdctl put /t/k 2');
    run(`etcdctl compaction ${rev0 + 2}`);
    expect(run(txn('', [], ['put /t/j x', `get /t/k --rev=${rev0 + 1}`], []))).toEqual(failed(1, 'etcdserver: mvcc: required revision has been compacted'));
    expect(rev()).toBe(rev0 + 2);
  });
});
