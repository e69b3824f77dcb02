import { describe, expect, it } from 'vitest';
import { nodeVerbsShell } from '../node-verbs.test-helpers';

describe('kubectl rollout', () => {
  const { sh } = nodeVerbsShell();
  it('with no subcommand prints its help and exits 1, as cobra does for a command that only has subcommands', () => {
    const r = sh('kubectl rollout');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^Manage the rollout of one or many resources\.\n/);
    expect(r.stderr).toContain('  undo          Undo a previous rollout\n');
  });
  it('refuses a subcommand it does not have', () => {
    expect(sh('kubectl rollout back deployment/web')).toMatchObject({ exitCode: 1, stderr: 'error: unknown command "back deployment/web"\nSee \'kubectl rollout -h\' for help and examples\n' });
  });
  it('is listed among the simulated commands, and so is set', () => {
    expect(sh('kubectl help').stdout).toMatch(/Commands in the simulator: .*\brollout\b.*\bset\b/);
    expect(sh('kubectl help').stdout).not.toMatch(/Not simulated yet: .*\b(rollout|set)\b/);
  });
  it('takes the objects of -f files in place of resource arguments', () => {
    const manifest = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: filed
spec:
  selector:
    matchLabels:
      app: filed
  template:
    metadata:
      labels:
        app: filed
    spec:
      containers:
      - name: c
        image: nginx:1.25
`;
    sh(`kubectl apply -f - <<YAML\n${manifest}YAML`);
    expect(sh(`kubectl rollout status -f - <<YAML\n${manifest}YAML`).stdout.endsWith('deployment "filed" successfully rolled out\n')).toBe(true);
    expect(sh(`kubectl rollout pause -f - <<YAML\n${manifest}YAML`).stdout).toBe('deployment.apps/filed paused\n');
    expect(sh(`kubectl set image -f - c=nginx:1.26 <<YAML\n${manifest}YAML`).stdout).toBe('deployment.apps/filed image updated\n');
    expect(sh(`kubectl rollout resume deployment/filed -f - <<YAML\n${manifest}YAML`)).toMatchObject({
      exitCode: 1,
      stderr: 'error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well\n',
    });
  });
});
