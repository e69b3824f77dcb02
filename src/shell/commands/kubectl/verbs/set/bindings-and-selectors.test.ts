/** `kubectl set subject`, `set serviceaccount` and `set selector`, and what each refuses. */
import { describe, expect, it } from 'vitest';
import { nodeVerbsShell } from '../node-verbs.test-helpers';

describe('kubectl set subject', () => {
  it('appends the subjects a binding lacks (users, groups, then service accounts), and --user is the subject, not the kubeconfig user', () => {
    const { sh } = nodeVerbsShell();
    sh('kubectl create rolebinding admin --clusterrole=admin --user=default-admin');
    expect(sh('kubectl set subject rolebinding admin --user=foo --group=devs --serviceaccount=ns1:robot')).toMatchObject({ exitCode: 0, stdout: 'rolebinding.rbac.authorization.k8s.io/admin subject updated\n' });
    sh('kubectl set subject rolebinding admin --user=foo');
    expect(sh("kubectl get rolebinding admin -o jsonpath='{range .subjects[*]}{.kind}:{.name}:{.namespace} {end}'").stdout).toBe('User:default-admin: User:foo: Group:devs: ServiceAccount:robot:ns1 ');
  });

  it('refuses no subject, a malformed service account, and an object that is not a binding', () => {
    const { sh } = nodeVerbsShell();
    sh('kubectl create rolebinding admin --clusterrole=admin --user=a');
    sh('kubectl create configmap c');
    expect(sh('kubectl set subject rolebinding admin').stderr).toBe('error: you must specify at least one value of user, group or serviceaccount\n');
    expect(sh('kubectl set subject rolebinding admin --serviceaccount=robot').stderr).toBe('error: serviceaccount must be <namespace>:<name>\n');
    expect(sh('kubectl set subject configmap c --user=x').stderr).toBe('error: configmaps/c setting subjects is only supported for RoleBinding/ClusterRoleBinding\n');
  });
});

describe('kubectl set serviceaccount', () => {
  it("sets the pod template's serviceAccountName, a new generation", () => {
    const { sh } = nodeVerbsShell();
    sh('kubectl create deployment web --image=nginx');
    expect(sh('kubectl set serviceaccount deployment web robot').stdout).toBe('deployment.apps/web serviceaccount updated\n');
    expect(sh("kubectl get deploy web -o jsonpath='{.spec.template.spec.serviceAccountName} {.metadata.generation}'").stdout).toBe('robot 2');
    expect(sh('kubectl set serviceaccount').stderr).toBe("error: serviceaccount is required\nSee 'kubectl set serviceaccount -h' for help and examples\n");
  });
});

describe('kubectl set selector', () => {
  it("replaces a Service's selector; a stale --resource-version is the server's Conflict; --local needs files", () => {
    const { sh } = nodeVerbsShell();
    sh('kubectl create service clusterip web --tcp=80');
    expect(sh('kubectl set selector service web role=padawan,tier=x').stdout).toBe('service/web selector updated\n');
    expect(sh("kubectl get svc web -o jsonpath='{.spec.selector}'").stdout).toBe('{"role":"padawan","tier":"x"}');
    expect(sh('kubectl set selector service web a=b --resource-version=1').stderr).toMatch(/^Error from server \(Conflict\)/);
    expect(sh('kubectl set selector service web a=b --local').stderr).toMatch(/^error: you must specify resources by --filename when --local is set\./);
    sh('kubectl create deployment d --image=nginx');
    expect(sh('kubectl set selector deployment d a=b').stderr).toBe('error: deployments/d setting a selector is only supported for Services\n');
  });
});
