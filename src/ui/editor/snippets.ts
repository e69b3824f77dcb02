/**
 * Starting points for the objects learners write most: a Pod, a Deployment, a Service and a
 * Job, offered as completions at the start of a line (type `pod`, `deploy`...). Tab moves
 * between the names to fill in; the names they share (app label, selector) change together.
 */
export interface ManifestSnippet {
  readonly label: string;
  readonly detail: string;
  /** Monaco snippet syntax: ${1:name} placeholders. */
  readonly body: string;
}

export const MANIFEST_SNIPPETS: readonly ManifestSnippet[] = [
  {
    label: 'pod',
    detail: 'Pod: one container',
    body: ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: ${1:web}', '  labels:', '    app: ${1:web}', 'spec:', '  containers:', '  - name: ${2:app}', '    image: ${3:nginx:1.27}', '    ports:', '    - containerPort: ${4:80}', ''].join('\n'),
  },
  {
    label: 'deployment',
    detail: 'Deployment: replicas of a pod template',
    body: [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: ${1:web}',
      'spec:',
      '  replicas: ${2:3}',
      '  selector:',
      '    matchLabels:',
      '      app: ${1:web}',
      '  template:',
      '    metadata:',
      '      labels:',
      '        app: ${1:web}',
      '    spec:',
      '      containers:',
      '      - name: ${3:app}',
      '        image: ${4:nginx:1.27}',
      '',
    ].join('\n'),
  },
  {
    label: 'service',
    detail: 'Service: a stable address for pods with a label',
    body: ['apiVersion: v1', 'kind: Service', 'metadata:', '  name: ${1:web}', 'spec:', '  type: ${2|ClusterIP,NodePort,LoadBalancer|}', '  selector:', '    app: ${1:web}', '  ports:', '  - port: ${3:80}', '    targetPort: ${4:80}', ''].join('\n'),
  },
  {
    label: 'job',
    detail: 'Job: run a pod to completion',
    body: [
      'apiVersion: batch/v1',
      'kind: Job',
      'metadata:',
      '  name: ${1:hello}',
      'spec:',
      '  backoffLimit: ${2:4}',
      '  template:',
      '    spec:',
      '      restartPolicy: ${3|Never,OnFailure|}',
      '      containers:',
      '      - name: ${4:main}',
      '        image: ${5:busybox:1.36}',
      "        command: ['sh', '-c', '${6:echo hello}']",
      '',
    ].join('\n'),
  },
];
