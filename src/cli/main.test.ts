import { describe, expect, it } from 'vitest';
import { main } from './main';

function run(argv: string[], files: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = main(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      return text;
    },
  });
  return { code, stdout, stderr };
}

const SCRIPT = '# a comment\nsleep 5s\nkubearch status\nfrobnicate --now\n';

describe('kubearch run', () => {
  it('plays a script: comments skipped, sleep advances the clock, unknown commands exit 127', () => {
    const r = run(['run', 's.sh'], { 's.sh': SCRIPT });
    expect(r.code).toBe(127);
    // The runner starts from a booted cluster (BOOT_MS = 2 s of simulated time).
    expect(r.stdout).toContain('$ sleep 5s\n$ kubearch status\ntime:    7.000s\n');
    expect(r.stdout).toContain('$ frobnicate --now\n[exit 127]\n');
    expect(r.stdout).not.toContain('a comment');
    expect(r.stderr).toBe("kubearch: frobnicate: command not found (try 'help')\n");
  });

  it("prints a command's warnings before its output and its errors after, as on a terminal", () => {
    let transcript = '';
    main(['run', 's.sh'], {
      stdout: (t) => (transcript += t),
      stderr: (t) => (transcript += t),
      readFile: () => 'kubectl auth can-i list widgets\nkubectl get pod nothing\n',
    });
    expect(transcript).toBe(
      "$ kubectl auth can-i list widgets\nWarning: the server doesn't have a resource type 'widgets'\nyes\n" +
        '$ kubectl get pod nothing\nError from server (NotFound): pods "nothing" not found\n[exit 1]\n',
    );
  });

  it('prints one JSON object per command with --json', () => {
    const r = run(['run', '--json', 's.sh'], { 's.sh': SCRIPT });
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toEqual({ command: 'sleep 5s', exitCode: 0, stdout: '', stderr: '' });
    expect(Object.keys(lines[1] ?? {})).toEqual(['command', 'exitCode', 'stdout', 'stderr']);
    expect(lines[2]).toMatchObject({ command: 'frobnicate --now', exitCode: 127 });
  });

  it('gives the same transcript for the same seed, and a different trace for another', () => {
    const script = { 's.sh': 'sleep 2m\nkubearch status\n' };
    const a = run(['run', '--seed', '9', 's.sh'], script);
    const b = run(['run', '--seed=9', 's.sh'], script);
    const c = run(['run', '--seed', '10', 's.sh'], script);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toContain('seed:    9');
    expect(c.stdout.replace(/seed: .*/, '')).not.toBe(a.stdout.replace(/seed: .*/, ''));
  });

  it.each([
    [['run'], /which script/],
    [['run', 'missing.sh'], /cannot read missing.sh: ENOENT/],
    [['run', '--seed', 'x', 's.sh'], /--seed takes a whole number/],
    [['run', '--fast', 's.sh'], /unknown flag --fast/],
    [['run', 'a', 'b'], /one script at a time/],
    [['launch'], /unknown command "launch"/],
  ])('%j fails with exit 2 and says why', (argv, message) => {
    const r = run(argv, { 's.sh': SCRIPT });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('reports a script that ends inside a here-document', () => {
    const r = run(['run', 's.sh'], { 's.sh': 'kubectl apply -f - <<EOF\nkind: Pod\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('kubearch run: s.sh: unexpected end of file (waiting for EOF)\n');
  });

  it('reports a syntax error with exit 2 and runs nothing', () => {
    const r = run(['run', 's.sh'], { 's.sh': 'sleep 1s\nkubectl get pods | grep x\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/syntax error: '\|' is not supported/);
    expect(r.stdout).not.toContain('$ sleep 1s');
  });
});
