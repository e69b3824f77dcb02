/**
 * The YAML editor's text and the answer to the last Submit. The text lives here, not in the
 * editor widget, so it survives tab switches and a failed Submit never loses it.
 */
import { create } from 'zustand';
import type { ManifestError } from '../../shell/manifest';

export const STARTER_MANIFEST = `# Submit applies these objects to the simulated cluster (kubectl apply -f -).
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    resources:
      requests:
        cpu: 100m
        memory: 64Mi
`;

export interface EditorState {
  readonly text: string;
  readonly submitting: boolean;
  readonly output: string;
  readonly errors: readonly ManifestError[];
  readonly failed: boolean;
  /** The kubeconfig user Submit acts as. */
  readonly user: string;
  /** Set while `kubectl edit` (typed in the shell) waits for this text: Save finishes it. */
  readonly editing: string | undefined;
}

export const EDITOR_USERS = ['kubernetes-admin', 'alice', 'bob'] as const;

export const useEditorStore = create<EditorState>(() => ({
  text: STARTER_MANIFEST,
  submitting: false,
  output: '',
  errors: [],
  failed: false,
  user: 'kubernetes-admin',
  editing: undefined,
}));
