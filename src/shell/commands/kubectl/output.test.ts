import { describe, expect, it } from 'vitest';
import { bootedCluster } from '../../../sim/cluster';
import { Shell, type TranscriptEntry } from '../../shell';

function play(script: string, files: Record<string, string> = {}): TranscriptEntry[] {
  const shell = new Shell(bootedCluster({ seed: 1 }), {
    interactive: false,
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) throw new Error('ENOENT');
      return text;
    },
  });
  const outcome = shell.run(script);
  if (outcome.kind !== 'ran') throw new Error(outcome.kind);
  return outcome.entries;
}

describe('printer flags', () => {
  it('--template alone is a go-template, and fills in -o go-template / -o jsonpath', () => {
    const [a, b, c] = play(`kubectl get ns default --template='{{.metadata.name}}'
kubectl get ns default -o go-template --template='{{.kind}}'
kubectl get ns default -o jsonpath --template='{.metadata.name}'`);
    expect([a?.stdout, b?.stdout, c?.stdout]).toEqual(['default', 'Namespace', 'default']);
  });

  it('reads go-template-file and jsonpath-file through the shell\'s files; a missing file is an error', () => {
    const [a, b, c] = play('kubectl get ns default -o go-template-file=t.tmpl\nkubectl get ns default -o jsonpath-file=t.jsonpath\nkubectl get ns default -o go-template-file=nope', {
      't.tmpl': '{{.metadata.name}}',
      't.jsonpath': '{.kind}',
    });
    expect([a?.stdout, b?.stdout]).toEqual(['default', 'Namespace']);
    expect(c).toMatchObject({ exitCode: 1, stderr: 'error: error reading --template nope, open nope: no such file or directory\n' });
  });

  it('says a template format with no template is an error', () => {
    expect(play('kubectl get ns -o go-template')[0]).toMatchObject({ exitCode: 1, stderr: 'error: template format specified but no template given\n' });
  });

  it('prints a parse error with the template, as GoTemplatePrintFlags does', () => {
    expect(play("kubectl get ns default -o go-template='{{.a'")[0]).toMatchObject({ exitCode: 1, stderr: 'error: error parsing template {{.a, template: output:1: unclosed action\n' });
  });

  it('writes the debugging text to stdout and the error to stderr when a template fails', () => {
    const [r] = play("kubectl get ns default -o go-template='{{.nope}}' --allow-missing-template-keys=false");
    expect(r?.exitCode).toBe(1);
    expect(r?.stdout).toMatch(/^Error executing template: .*map has no entry for key "nope"\. Printing more information for debugging the template:\n\ttemplate was:\n\t\t\{\{\.nope\}\}\n\traw data was:\n/);
    expect(r?.stderr).toBe('error: error executing template "{{.nope}}": template: output:1:2: executing "output" at <.nope>: map has no entry for key "nope"\n');
  });

  it('create and run -o go-template print the object they made', () => {
    const [a, b] = play("kubectl create configmap c -o go-template='{{.metadata.name}}'\nkubectl run p --image=nginx --dry-run=client -o go-template='{{(index .spec.containers 0).image}}'");
    expect([a?.stdout, b?.stdout]).toEqual(['c', 'nginx']);
  });

  it('accepts --show-managed-fields', () => {
    expect(play('kubectl get ns default -o name --show-managed-fields')[0]?.stdout).toBe('namespace/default\n');
  });
});

describe('-o and --template on the verbs that change objects', () => {
  it.each([
    ['kubectl label configmap c a=b --dry-run=client --template="{{ .metadata.name }}:{{ .metadata.labels.a }}"', 'c:b'],
    ['kubectl annotate configmap c a=b --dry-run=client --template="{{ .metadata.name }}:"', 'c:'],
    [`kubectl patch configmap c --dry-run=client -p '{"data":{"x":"y"}}' --template="{{ .metadata.name }}:"`, 'c:'],
    [`kubectl patch configmap c -p '{"data":{"x":"y"}}' -o jsonpath='{.data.x}'`, 'y'],
    // -o name is the NamePrinter's ShortOutput: no operation after the name.
    ['kubectl label configmap c a=b -o name', 'configmap/c\n'],
  ])('%s', (command, stdout) => {
    const entries = play(`kubectl create configmap c\n${command}`);
    expect(entries[1]).toMatchObject({ exitCode: 0, stdout, stderr: '' });
  });

  it('apply and expose print the object they sent or got back', () => {
    const entries = play(`kubectl create deployment web --image=nginx --port=80
kubectl expose deployment web --dry-run=client -o jsonpath='{.spec.ports[0].port}'
kubectl apply --dry-run=client --template='{{.kind}}:' -f - <<EOF
apiVersion: v1
kind: ConfigMap
metadata:
  name: z
EOF`);
    expect([entries[1]?.stdout, entries[2]?.stdout]).toEqual(['80', 'ConfigMap:']);
  });

  it('a template that fails is the verb\'s error', () => {
    const entries = play("kubectl create configmap c\nkubectl label configmap c a=b --allow-missing-template-keys=false --template='{{.nope}}'");
    expect(entries[1]?.exitCode).toBe(1);
    expect(entries[1]?.stderr).toContain('map has no entry for key "nope"');
  });
});
