/**
 * The YAML editor's text and the answer to the last Submit. The text lives here, not in the
 * editor widget, so it survives tab switches and a failed Submit never loses it.
 */
import { create } from 'zustand';
import type { AppliedObject, ManifestError } from '../../worker/protocol';

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
  /** Markers: YAML errors, or the server's causes placed at their fields. */
  readonly errors: readonly ManifestError[];
  /** What the last Submit did to each object. */
  readonly objects: readonly AppliedObject[];
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
  objects: [],
  failed: false,
  user: 'kubernetes-admin',
  editing: undefined,
}));
