import { describe, expect, it } from 'vitest';
import { wget } from './wget';
import { legacyNslookup, nslookup } from './nslookup';
import { capture, fakeNet, OK, REFUSED, REJECTED } from './test-net';

const net = fakeNet({ web: '10.96.0.20', empty: '10.96.0.12' }, { '10.96.0.20:80': OK('hello\n'), '10.96.0.20:8080': OK('nope\n', 404), '10.96.0.12:80': REJECTED, '10.244.2.2:81': REFUSED });

describe('busybox wget', () => {
  it('-q -O- prints the body', () => {
    const io = capture();
    expect(wget(['-q', '-O-', 'http://web'], io, net)).toEqual({ status: 0, waitedMs: 0 });
    expect(io.stdout).toEqual(['hello']);
    expect(io.stderr).toEqual([]);
  });

  it('saves to the file named by the URL, saying so on stderr', () => {
    const io = capture();
    wget(['http://web/'], io, net);
    expect(io.files.get('index.html')).toBe('hello\n');
    expect(io.stderr).toEqual(['Connecting to web (10.96.0.20:80)', "saving to 'index.html'", `index.html           100% |${'*'.repeat(32)}|     6  0:00:00 ETA`, "'index.html' saved"]);
    const named = capture();
    wget(['-q', '-O', '/tmp/page', 'web'], named, net);
    expect(named.files.get('/tmp/page')).toBe('hello\n');
  });

  it('names the host as the URL wrote it, with its port', () => {
    const io = capture();
    wget(['-O-', 'http://10.96.0.20:80'], io, net);
    expect(io.stderr[0]).toBe('Connecting to 10.96.0.20:80 (10.96.0.20:80)');
  });

  it('-S shows the status line the server sent', () => {
    const io = capture();
    wget(['-S', '-q', '-O', '/dev/null', 'web'], io, net);
    expect(io.stderr).toEqual(['  HTTP/1.1 200 OK']);
  });

  it('--spider only checks', () => {
    const io = capture();
    expect(wget(['--spider', 'web'], io, net).status).toBe(0);
    expect(io.stderr).toEqual(['Connecting to web (10.96.0.20:80)', 'remote file exists']);
  });

  it.each([
    [['-q', 'http://nosuch'], 0, "wget: bad address 'nosuch'"],
    [['-q', 'http://empty'], 0, "wget: can't connect to remote host (10.96.0.12): Connection refused"],
    [['-q', '10.244.2.2:81'], 0, "wget: can't connect to remote host (10.244.2.2): Connection refused"],
    [['-q', 'web:8080'], 0, 'wget: server returned error: HTTP/1.1 404 Not Found'],
    [['-q', '-T', '3', '10.200.0.1'], 3000, 'wget: download timed out'],
    [['-q', '10.200.0.1'], 130000, "wget: can't connect to remote host (10.200.0.1): Connection timed out"],
    [['-q', '-T', 'x', 'web'], 0, "wget: invalid number 'x'"],
  ] as const)('wget %j exits 1 with busybox line', (args, waited, line) => {
    const io = capture();
    expect(wget(args, io, net)).toEqual({ status: 1, waitedMs: waited });
    expect(io.stderr).toEqual([line]);
  });

  it('prints its usage for an unknown option or no URL', () => {
    const io = capture();
    expect(wget(['-Z', 'web'], io, net).status).toBe(1);
    expect(io.stderr[0]).toBe("wget: unrecognized option '-Z'");
    const none = capture();
    expect(wget([], none, net).status).toBe(1);
    expect(none.stderr[0]).toMatch(/^Usage: wget/);
    expect(none.stderr).toHaveLength(3);
  });
});

describe('busybox nslookup', () => {
  it('prints the server and the answer', () => {
    const io = capture();
    expect(nslookup(['web'], io, net).status).toBe(0);
    expect(io.stdout).toEqual(['Server:\t\t10.96.0.10', 'Address:\t10.96.0.10:53', '', 'Name:\tweb.default.svc.cluster.local', 'Address: 10.96.0.20', '']);
  });

  it('says NXDOMAIN and exits 1 for a name that does not exist', () => {
    const io = capture();
    expect(nslookup(['nosuch'], io, net).status).toBe(1);
    expect(io.stdout).toEqual(['Server:\t\t10.96.0.10', 'Address:\t10.96.0.10:53', '', "** server can't find nosuch: NXDOMAIN", '']);
  });

  it('prints the older busybox layout for radial/busyboxplus, and says it cannot resolve a missing name', () => {
    const io = capture();
    expect(legacyNslookup(['web'], io, net).status).toBe(0);
    expect(io.stdout).toEqual(['Server:    10.96.0.10', 'Address 1: 10.96.0.10', '', 'Name:      web', 'Address 1: 10.96.0.20']);
    const missing = capture();
    expect(legacyNslookup(['nosuch'], missing, net).status).toBe(1);
    expect(missing.stderr).toEqual(["nslookup: can't resolve 'nosuch'"]);
  });

  it('prints its usage without a name, and cannot work without a nameserver', () => {
    const io = capture();
    expect(nslookup([], io, net).status).toBe(1);
    expect(io.stderr[0]).toMatch(/^BusyBox v1\.36\.1/);
    const bare = capture();
    expect(nslookup(['web'], bare, { ...fakeNet({}, {}), nameserver: undefined }).status).toBe(1);
    expect(bare.stderr).toEqual(["nslookup: can't resolve 'web'"]);
  });
});
