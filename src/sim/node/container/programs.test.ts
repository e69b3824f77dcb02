/** The container model: what tutorial commands do, on a bare engine clock. */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../engine';
import { imageFiles, parseStressBytes, piDigits, startProcess } from './programs';
import type { ProcessHost } from './process';
import { execSync } from './shell';
import { ContainerFileSystem, type FileMount } from './filesystem';

interface Run {
  logs: string[];
  exit?: { code: number; oom: boolean; at: number };
  files: Map<string, string>;
}

function run(repository: string, command: string[], args: string[] = [], options: { env?: [string, string][]; memoryLimitBytes?: number; forMs?: number; mounts?: FileMount[] } = {}) {
  const engine = new Engine({ seed: 1 });
  const result: Run = { logs: [], files: new Map() };
  const host: ProcessHost = {
    now: () => engine.now(),
    schedule: (ms, fn) => {
      const h = engine.schedule(ms, 'test', fn);
      return { cancel: () => engine.cancel(h) };
    },
    stdout: (l) => result.logs.push(l),
    stderr: (l) => result.logs.push(`E ${l}`),
    exit: (code, oom) => (result.exit = { code, oom: !!oom, at: engine.now() }),
    env: new Map(options.env ?? [['POD_NAME', 'web-1']]),
    files: new ContainerFileSystem(result.files, options.mounts ?? [], imageFiles(repository)),
    hostname: 'web-1',
    memoryLimitBytes: options.memoryLimitBytes,
  };
  const process = startProcess({ repository, command, args }, host);
  engine.runUntil(options.forMs ?? 60_000);
  return Object.assign(result, { process, engine });
}

const BUSYBOX = 'docker.io/library/busybox';

describe('sh -c scripts', () => {
  it.each([
    { script: 'sleep 3; exit 1', exit: 1, at: 3000, logs: [] },
    { script: 'echo hello && exit 0', exit: 0, at: 0, logs: ['hello'] },
    { script: 'false && echo no; echo yes', exit: 0, at: 0, logs: ['yes'] },
    { script: 'false || echo fallback', exit: 0, at: 0, logs: ['fallback'] },
    { script: 'printenv POD_NAME', exit: 0, at: 0, logs: ['web-1'] },
    { script: 'echo "$POD_NAME is ${POD_NAME}"', exit: 0, at: 0, logs: ['web-1 is web-1'] },
    { script: 'touch /tmp/healthy; sleep 2; rm -f /tmp/healthy; cat /tmp/healthy', exit: 1, at: 2000, logs: ["E cat: can't open '/tmp/healthy': No such file or directory"] },
    { script: 'echo hi > /tmp/f; cat /tmp/f', exit: 0, at: 0, logs: ['hi'] },
    { script: 'for i in 1 2; do echo $i; done', exit: 0, at: 0, logs: ['1', '2'] },
    // until loops while its condition fails (the init-containers page's `until nslookup ...`).
    { script: 'until [ -f /tmp/ready ]; do echo waiting; touch /tmp/ready; sleep 2; done; echo ready', exit: 0, at: 2000, logs: ['waiting', 'ready'] },
    { script: 'until true; do echo never; done; echo done', exit: 0, at: 0, logs: ['done'] },
    { script: 'if [ -f /x ]; then echo y; else echo n; fi', exit: 0, at: 0, logs: ['n'] },
    { script: 'frobnicate', exit: 127, at: 0, logs: ['E sh: frobnicate: not found'] },
    { script: 'exit 3', exit: 3, at: 0, logs: [] },
  ])('$script', ({ script, exit, at, logs }) => {
    const r = run(BUSYBOX, ['sh', '-c', script]);
    expect(r.exit).toEqual({ code: exit, oom: false, at });
    expect(r.logs).toEqual(logs);
  });

  it('runs `while true; do date; sleep 5; done` forever, logging the virtual date', () => {
    const r = run(BUSYBOX, ['/bin/sh', '-c', 'while true; do date; sleep 5; done'], [], { forMs: 12_000 });
    expect(r.exit).toBeUndefined();
    expect(r.logs).toEqual(['Wed Jan  1 00:00:00 UTC 2025', 'Wed Jan  1 00:00:05 UTC 2025', 'Wed Jan  1 00:00:10 UTC 2025']);
  });

  it('a busy loop without sleep still lets time pass', () => {
    const r = run(BUSYBOX, ['sh', '-c', 'while true; do true; done'], [], { forMs: 1000 });
    expect(r.exit).toBeUndefined();
    expect(r.engine.now()).toBe(1000);
  });

  it('busybox with no command exits 0 at once (no terminal); sleep as PID 1 ignores SIGTERM', () => {
    expect(run(BUSYBOX, []).exit).toEqual({ code: 0, oom: false, at: 0 });
    const r = run(BUSYBOX, ['sleep', '3600'], [], { forMs: 10 });
    r.process.terminate();
    r.engine.runFor(60_000);
    expect(r.exit).toBeUndefined();
  });
});

describe('images that serve and compute', () => {
  it.each([
    { repo: 'docker.io/library/nginx', port: 80, path: '/', status: 200 },
    { repo: 'docker.io/library/nginx', port: 80, path: '/nope', status: 404 },
    { repo: 'docker.io/library/httpd', port: 80, path: '/', status: 200 },
    { repo: 'registry.k8s.io/liveness', port: 8080, path: '/healthz', status: 500 },
  ])('$repo answers $path on :$port with $status after 60 s', ({ repo, port, path, status }) => {
    const r = run(repo, []);
    expect(r.process.httpGet(port, path)?.status).toBe(status);
    expect(r.process.httpGet(port + 1, path)).toBeUndefined();
  });

  it('the liveness image is healthy for 10 s', () => {
    const r = run('registry.k8s.io/liveness', ['/server'], [], { forMs: 9_000 });
    expect(r.process.httpGet(8080, '/healthz')?.status).toBe(200);
    r.engine.runFor(1_000);
    expect(r.process.httpGet(8080, '/healthz')?.status).toBe(500);
  });

  it('agnhost netexec serves on --http-port; nginx exits 0 on SIGTERM in 0.2 s', () => {
    expect(run('registry.k8s.io/e2e-test-images/agnhost', [], ['netexec', '--http-port=8081']).process.httpGet(8081, '/hostname')).toEqual({ status: 200, body: 'web-1' });
    const nginx = run('docker.io/library/nginx', [], [], { forMs: 1000 });
    nginx.process.terminate();
    nginx.engine.runFor(1000);
    expect(nginx.exit).toEqual({ code: 0, oom: false, at: 1200 });
  });

  it.each([
    { bytes: '150M', limit: 100 * 1024 ** 2, exit: { code: 137, oom: true, at: 1000 } },
    { bytes: '150M', limit: 200 * 1024 ** 2, exit: undefined },
  ])('polinux/stress --vm-bytes $bytes under a $limit byte limit', ({ bytes, limit, exit }) => {
    const r = run('docker.io/polinux/stress', ['stress'], ['--vm', '1', '--vm-bytes', bytes, '--vm-hang', '1'], { memoryLimitBytes: limit });
    expect(r.exit).toEqual(exit);
  });

  it("perl's pi prints 2000 digits after a few seconds and exits 0", () => {
    const r = run('docker.io/library/perl', ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)']);
    expect(r.exit).toEqual({ code: 0, oom: false, at: 4000 });
    expect(r.logs[0]?.startsWith('3.14159265358979323846264338327950288419716939937510')).toBe(true);
    expect(r.logs[0]).toHaveLength(2001);
    expect(piDigits(2000).endsWith('5779')).toBe(false); // not a truncated-looking constant: computed
    expect(parseStressBytes('1G')).toBe(1024 ** 3);
  });
});

describe('the shell against files and the network', () => {
  const config = () => new Map([['SPECIAL_LEVEL', 'very'], ['SPECIAL_TYPE', 'charm']]);
  const mounts = (): FileMount[] => [{ containerPath: '/etc/config', directory: config(), subPath: '', readOnly: true }];
  it.each([
    { script: 'ls /etc/config/', logs: ['SPECIAL_LEVEL', 'SPECIAL_TYPE'], exit: 0 },
    { script: 'ls /etc/config/SPECIAL_LEVEL /nope', logs: ['E ls: /nope: No such file or directory', '/etc/config/SPECIAL_LEVEL'], exit: 1 },
    { script: 'ls -a /etc/config', logs: ['.', '..', 'SPECIAL_LEVEL', 'SPECIAL_TYPE'], exit: 0 },
    // A file without a final newline leaves its line open: the log gets it with what follows.
    { script: "echo -en '\\n\\n'; cat /etc/config/SPECIAL_LEVEL; echo -en '\\n\\n'; echo -n end", logs: ['', '', 'very', '', 'end'], exit: 0 },
    { script: 'cat /etc/config', logs: ['E cat: read error: Is a directory'], exit: 1 },
    { script: 'echo x > /etc/config/x', logs: ["E sh: can't create /etc/config/x: Read-only file system"], exit: 1 },
    { script: 'rm /etc/config/SPECIAL_TYPE', logs: ["E rm: can't remove '/etc/config/SPECIAL_TYPE': Read-only file system"], exit: 1 },
    { script: 'touch /etc/config/new', logs: ['E touch: /etc/config/new: Read-only file system'], exit: 1 },
    { script: 'if [[ -e /etc/config/SPECIAL_LEVEL ]]; then echo yes; fi; [ -d /etc/config ] && echo dir', logs: ['yes', 'dir'], exit: 0 },
    { script: "printf A=$POD_NAME'\\n'; printf '%s-%d%%\\n' a 7 b 8", logs: ['A=web-1', 'a-7%', 'b-8%'], exit: 0 },
    { script: 'for f in SPECIAL_LEVEL SPECIAL_TYPE; do echo "$f=$(cat /etc/config/$f)"; done', logs: ['SPECIAL_LEVEL=very', 'SPECIAL_TYPE=charm'], exit: 0 },
    { script: 'echo "a\\nb \\$HOME"; echo -e "c\\td"', logs: ['a\\nb $HOME', 'c\td'], exit: 0 },
    // busybox carries wget, not curl (programs/image-tools.ts).
    { script: 'curl localhost', logs: ['E sh: curl: not found'], exit: 127 },
    { script: 'env | grep POD_', logs: ['POD_NAME=web-1'], exit: 0 },
    { script: 'ls /etc/config | wc -l', logs: ['2'], exit: 0 },
    { script: "printf 'b\\na\\nc\\n' | sort | head -n 2", logs: ['a', 'b'], exit: 0 },
    { script: "printf 'x\\ny\\nx\\n' | grep -c x; printf 'x\\ny\\n' | grep -v x | tail -1", logs: ['2', 'y'], exit: 0 },
    { script: 'cat /etc/config/SPECIAL_TYPE | cat; echo', logs: ['charm'], exit: 0 },
    { script: 'env | grep NOPE || echo none', logs: ['none'], exit: 0 },
    { script: 'grep', logs: ['E Usage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...'], exit: 2 },
    { script: 'grep x /nope', logs: ['E grep: /nope: No such file or directory'], exit: 2 },
  ])('$script', ({ script, logs, exit }) => {
    const r = run(BUSYBOX, ['sh', '-c', script], [], { mounts: mounts() });
    expect(r.logs).toEqual(logs);
    expect(r.exit?.code).toBe(exit);
  });

  it('nginx serves its document root: a mounted emptyDir is 403 until index.html is written', () => {
    const shared = new Map<string, string>();
    const r = run('docker.io/library/nginx', [], [], { mounts: [{ containerPath: '/usr/share/nginx/html', directory: shared, subPath: '', readOnly: false }], forMs: 1000 });
    expect(r.process.httpGet(80, '/')?.status).toBe(403);
    shared.set('index.html', 'Hello from the debian container\n');
    expect(r.process.httpGet(80, '/')).toEqual({ status: 200, body: 'Hello from the debian container\n' });
    expect(r.process.httpGet(80, '/nope.html')?.body).toContain('<title>404 Not Found</title>');
  });
});

describe('execSync (exec probes)', () => {
  it.each([
    { argv: ['cat', '/tmp/healthy'], files: [['/tmp/healthy', '']], exitCode: 0, output: '' },
    { argv: ['cat', '/tmp/healthy'], files: [], exitCode: 1, output: "cat: can't open '/tmp/healthy': No such file or directory\n" },
    { argv: ['sh', '-c', 'sleep 2'], files: [], exitCode: 0, output: '' },
  ])('$argv', ({ argv, files, exitCode, output }) => {
    const r = execSync(argv, { now: () => 0, env: new Map(), files: new ContainerFileSystem(new Map(files as [string, string][])), hostname: 'p', out: () => {}, err: () => {} }, 0);
    expect({ exitCode: r.exitCode, output: r.output }).toEqual({ exitCode, output });
  });
});
