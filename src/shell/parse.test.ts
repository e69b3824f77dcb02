import { describe, expect, it } from 'vitest';
import { parseScript } from './parse';

function argvs(text: string) {
  const r = parseScript(text);
  if (r.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r.commands.map((c) => c.argv);
}

describe('parseScript', () => {
  it.each([
    ['kubectl get pods', [['kubectl', 'get', 'pods']]],
    ['  kubectl   get\tpods  ', [['kubectl', 'get', 'pods']]],
    ["etcdctl put k 'hello world'", [['etcdctl', 'put', 'k', 'hello world']]],
    ['etcdctl put k "a \\"quoted\\" $word"', [['etcdctl', 'put', 'k', 'a "quoted" $word']]],
    ["echo 'it''s'", [['echo', 'its']]],
    ['echo a\\ b', [['echo', 'a b']]],
    ['kubectl get pods # all of them', [['kubectl', 'get', 'pods']]],
    ['# only a comment', []],
    ['echo a#b', [['echo', 'a#b']]],
    ['sleep 1s; sleep 2s', [['sleep', '1s'], ['sleep', '2s']]],
    ['kubectl get \\\n  pods', [['kubectl', 'get', 'pods']]],
    ["etcdctl put k 'two\nlines'", [['etcdctl', 'put', 'k', 'two\nlines']]],
    ["etcdctl put k ''", [['etcdctl', 'put', 'k', '']]],
  ])('splits %j into words', (text, expected) => {
    expect(argvs(text)).toEqual(expected);
  });

  it('gives each command its line number and source text', () => {
    const r = parseScript('# c\nsleep 5s\n\nkubectl get pods');
    expect(r.kind === 'ok' && r.commands.map((c) => [c.line, c.source])).toEqual([
      [2, 'sleep 5s'],
      [4, 'kubectl get pods'],
    ]);
  });

  it('reads a here-document as standard input', () => {
    const r = parseScript('kubectl apply -f - <<EOF\napiVersion: v1\nkind: Pod\nEOF\nsleep 1s');
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.commands[0]).toMatchObject({ argv: ['kubectl', 'apply', '-f', '-'], stdin: 'apiVersion: v1\nkind: Pod\n' });
    expect(r.commands[1]).toMatchObject({ argv: ['sleep', '1s'], stdin: undefined, line: 5 });
  });

  it("supports quoted delimiters, <<- tab stripping and an empty body", () => {
    const quoted = parseScript("etcdctl txn <<'END'\nmod(\"k\") = \"0\"\n\nput k v\n\nEND");
    expect(quoted.kind === 'ok' && quoted.commands[0]?.stdin).toBe('mod("k") = "0"\n\nput k v\n\n');
    const tabs = parseScript('cat <<-X\n\t\tindented\n\tX');
    expect(tabs.kind === 'ok' && tabs.commands[0]?.stdin).toBe('indented\n');
    const empty = parseScript('cat <<X\nX');
    expect(empty.kind === 'ok' && empty.commands[0]?.stdin).toBe('');
  });

  it.each([
    ['kubectl apply -f - <<EOF\napiVersion: v1', 'EOF'],
    ["etcdctl put k 'open", "'"],
    ['kubectl get \\', '\\'],
  ])('reports %j as incomplete', (text, waitingFor) => {
    expect(parseScript(text)).toEqual({ kind: 'incomplete', waitingFor });
  });

  it.each([
    ['kubectl get pods | grep web', /pipes/],
    ['kubectl get pods > out.txt', /redirections/],
    ['sleep 1 && sleep 2', /&&/],
    ['kubectl apply -f - < pod.yaml', /here-document/],
    ['cat <<', /delimiter/],
  ])('rejects %j with a clear message', (text, message) => {
    const r = parseScript(text);
    expect(r.kind).toBe('error');
    expect(r.kind === 'error' && r.message).toMatch(message);
  });
});
