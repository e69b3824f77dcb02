/**
 * `kubectl create --raw URI -f FILE`: the file's bytes POSTed as they are and the server's answer
 * printed as it came; the server refusing bytes that are not JSON; Validate's refusals in order.
 */
import { describe, expect, it } from 'vitest';
import { playWithFiles } from '../files-shell.test-helpers';

const FILES = {
  'ns.json': '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"raw-ns"}}',
  'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n',
  'broken.json': '{"apiVersion": "v1", "kind": "Namespace", "metadata": {',
  'dir/a.yaml': '',
};
const play = (...lines: string[]) => playWithFiles(FILES, ...lines);

describe('kubectl create --raw', () => {
  it("POSTs the file and prints the server's JSON as it came; the object is stored", () => {
    const [created, got] = play(['kubectl create --raw /api/v1/namespaces -f ns.json', 'kubectl get namespace raw-ns -o name'].join('\n'));
    expect(created?.exitCode).toBe(0);
    expect(created?.stdout.endsWith('}\n')).toBe(true);
    expect(JSON.parse(created?.stdout ?? '')).toMatchObject({ kind: 'Namespace', metadata: { name: 'raw-ns' }, status: { phase: 'Active' } });
    expect(got?.stdout).toBe('namespace/raw-ns\n');
  });

  it('reads standard input for -', () => {
    const [created] = play("kubectl create --raw /api/v1/namespaces -f - <<'END'\n{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"from-stdin\"}}\nEND");
    expect(JSON.parse(created?.stdout ?? '')).toMatchObject({ metadata: { name: 'from-stdin' } });
  });

  it("leaves the bytes to the server: YAML is not JSON, and the apiserver says so with the body's first 30 bytes", () => {
    const [yaml, broken] = play(['kubectl create --raw /api/v1/namespaces -f pod.yaml', 'kubectl create --raw /api/v1/namespaces -f broken.json'].join('\n'));
    expect(yaml?.stderr).toBe(
      "Error from server (BadRequest): the object provided is unrecognized (must be of type Namespace): couldn't get version/kind; json parse error: invalid character 'a' looking for beginning of value (61706956657273696f6e3a2076310a6b696e643a20506f640a6d65746164 ...)\n",
    );
    expect(broken?.stderr).toBe(
      'Error from server (BadRequest): the object provided is unrecognized (must be of type Namespace): couldn\'t get version/kind; json parse error: unexpected end of JSON input ({"apiVersion": "v1", "kind": " ...)\n',
    );
  });

  it("refuses what create.go's Validate refuses, in its order and words", () => {
    const entries = play(
      [
        'kubectl create --raw /api/v1/namespaces -f ns.json --edit -R',
        'kubectl create --raw /api/v1/namespaces -f ns.json -f pod.yaml',
        'kubectl create --raw /api/v1/namespaces -f https://example.com/ns.json',
        'kubectl create --raw /api/v1/namespaces -f ns.json -R',
        'kubectl create --raw /api/v1/namespaces -f ns.json -l a=b',
        'kubectl create --raw /api/v1/namespaces -f ns.json -o json',
        'kubectl create --raw api/v1/namespaces -f ns.json',
        'kubectl create --raw /api/v1/namespaces -f missing.json',
        'kubectl create --raw /api/v1/namespaces -f dir',
        'kubectl create -f ns.json --edit',
      ].join('\n'),
    );
    expect(entries.map((e) => [e.exitCode, e.stdout, e.stderr])).toEqual(
      [
        'error: --raw and --edit are mutually exclusive',
        'error: --raw can only use a single local file or stdin',
        'error: --raw cannot read from a url',
        'error: --raw and --recursive are mutually exclusive',
        'error: --raw and --selector (-l) are mutually exclusive',
        'error: --raw and --output are mutually exclusive',
        'error: --raw must be a valid URL path: parse "api/v1/namespaces": invalid URI for request',
        'error: open missing.json: no such file or directory',
        'error: read dir: is a directory',
        'error: kubectl create --edit is not simulated (it opens an editor on the object before creating it)',
      ].map((e) => [1, '', `${e}\n`]),
    );
  });
});
