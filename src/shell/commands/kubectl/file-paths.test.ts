/**
 * `-f DIR` and `-R` as cli-runtime's builder expands them, through kubectl itself: which files of
 * a directory are read and in what order, the subdirectories, `-l` filtering what they hold, and
 * the builder's errors.
 */
import { describe, expect, it } from 'vitest';
import { inMemoryFiles } from '../../in-memory-files';
import { playWithFiles } from './files-shell.test-helpers';
import { expandPath, joinPath } from './file-paths';

const pod = (name: string, app: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  labels:\n    app: ${app}\nspec:\n  containers:\n  - name: c\n    image: nginx\n`;

const FILES: Readonly<Record<string, string>> = {
  'm/b.yaml': pod('b', 'web'),
  'm/a.json': JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', labels: { app: 'db' } } }),
  'm/C.yml': pod('c-upper', 'web'),
  'm/notes.txt': 'not a manifest',
  'm/sub/d.yaml': pod('d', 'web'),
  'm/sub/deeper/e.yaml': pod('e', 'db'),
  'empty/readme.md': '# nothing here',
  'bad/x.yaml': 'kind: [',
  'plain': pod('plain', 'web'),
};
const play = (...lines: string[]) => playWithFiles(FILES, ...lines);

const reader = inMemoryFiles(FILES);

describe('-f DIR (Builder.Path)', () => {
  it("takes a directory's .json, .yaml and .yml files in filepath.Walk's byte order, not its subdirectories", () => {
    expect(expandPath(reader, 'm', false)).toEqual({ ok: true, files: ['m/C.yml', 'm/a.json', 'm/b.yaml'] });
  });

  it('walks the subdirectories with -R, each where its name sorts', () => {
    expect(expandPath(reader, 'm/', true)).toEqual({ ok: true, files: ['m/C.yml', 'm/a.json', 'm/b.yaml', 'm/sub/d.yaml', 'm/sub/deeper/e.yaml'] });
  });

  it('reads a file named on the command line whatever its extension', () => {
    expect(expandPath(reader, 'plain', false)).toEqual({ ok: true, files: ['plain'] });
  });

  it('refuses a directory with no file it recognizes', () => {
    expect(expandPath(reader, 'empty', true)).toEqual({ ok: false, error: 'error: error reading [empty]: recognized file extensions are [.json .yaml .yml]' });
  });

  it('joins as filepath.Join does, cleaning the path', () => {
    expect([joinPath('./m/', 'a.yaml'), joinPath('/x/../y', 'z'), joinPath('.', 'a'), joinPath('../up', 'a')]).toEqual(['m/a.yaml', '/y/z', 'a', '../up/a']);
  });
});

describe('kubectl with -f DIR', () => {
  it('creates every object of the directory in order, and with -R of its subdirectories too', () => {
    const [flat, recursive] = play(['kubectl create -f m', 'kubectl create -R -f m'].join('\n'));
    expect(flat?.stdout).toBe('pod/c-upper created\nconfigmap/a created\npod/b created\n');
    expect(recursive?.stderr).toContain('pods "b" already exists');
    expect(recursive?.stdout).toBe('pod/d created\npod/e created\n');
  });

  it('keeps only what matches -l, for create and for delete', () => {
    const entries = play(['kubectl create -R -f m -l app=web', 'kubectl get pods,configmaps -l app -o name', 'kubectl delete -R -f m -l app=web', 'kubectl get pods -o name'].join('\n'));
    expect(entries.map((e) => e.stdout)).toEqual([
      'pod/c-upper created\npod/b created\npod/d created\n',
      'pod/b\npod/c-upper\npod/d\n',
      'pod "c-upper" deleted\npod "b" deleted\npod "d" deleted\n',
      '',
    ]);
  });

  it("refuses an invalid -l, a path that does not exist, a directory of nothing and a file it cannot parse, in kubectl's words", () => {
    const entries = play(['kubectl create -f m -l "a in"', 'kubectl apply -f nowhere', 'kubectl get -f empty', 'kubectl delete -f bad'].join('\n'));
    expect(entries.map((e) => [e.exitCode, e.stdout])).toEqual([[1, ''], [1, ''], [1, ''], [1, '']]);
    expect(entries[0]?.stderr).toMatch(/^error: the provided selector "a in" is not valid: /);
    expect(entries[1]?.stderr).toBe('error: the path "nowhere" does not exist\n');
    expect(entries[2]?.stderr).toBe('error: error reading [empty]: recognized file extensions are [.json .yaml .yml]\n');
    expect(entries[3]?.stderr).toMatch(/^error: error parsing bad\/x\.yaml: /);
  });

  it('prints a List for -f DIR even with one object, and the object itself for one file (Builder singleItemImplied)', () => {
    const [, dir, file] = play(['kubectl create -f m/sub', 'kubectl get -f m/sub -o jsonpath={.kind}', 'kubectl get -f m/sub/d.yaml -o jsonpath={.kind}'].join('\n'));
    expect(dir?.stdout).toBe('List');
    expect(file?.stdout).toBe('Pod');
  });

  it("gives an object read from a file the command's namespace, as the builder's SetNamespace does", () => {
    const lines = ['kubectl create --dry-run=client -o jsonpath={.metadata.namespace} -f plain', 'kubectl create --dry-run=client -o jsonpath={.metadata.namespace} -n dev -f m/a.json'];
    const [dryRun, other] = play(lines.join('\n'));
    expect(dryRun?.stdout).toBe('default');
    expect(other?.stdout).toBe('dev');
  });
});
