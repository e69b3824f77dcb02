/**
 * The YAML editor panel: monaco (loaded lazily, so the first paint does not wait for it), a
 * Submit button that applies the text through the worker, and the answer: what was created,
 * or each error at its line and column. The text is never cleared by a failure.
 */
import { lazy, Suspense } from 'react';
import { EDITOR_USERS, useEditorStore } from '../stores/editor-store';
import { simulation } from '../simulation-client';

const MonacoYamlEditor = lazy(() => import('./monaco-yaml-editor'));

export async function submitManifests(): Promise<void> {
  if (useEditorStore.getState().editing !== undefined) return finishEdit(true);
  const { text, user } = useEditorStore.getState();
  useEditorStore.setState({ submitting: true });
  try {
    const result = await simulation().applyManifests(text, user);
    // The text stays as typed, whatever the answer: the markers point into it.
    useEditorStore.setState({ submitting: false, output: result.output, errors: result.errors, objects: result.objects, failed: !result.ok });
  } catch (error) {
    useEditorStore.setState({ submitting: false, output: `error: ${error instanceof Error ? error.message : String(error)}`, errors: [], objects: [], failed: true });
  }
}

/** Save (or cancel) the `kubectl edit` the shell opened here: the answer is what kubectl edit prints. */
export async function finishEdit(save: boolean): Promise<void> {
  const { text } = useEditorStore.getState();
  useEditorStore.setState({ submitting: true });
  const result = await simulation().finishEdit(save ? text : undefined);
  const failed = result.exitCode !== 0;
  useEditorStore.setState({ submitting: false, editing: undefined, output: (failed ? result.stderr : result.stdout).trimEnd() || 'Edit cancelled, no changes made.', errors: [], objects: [], failed });
}

export function YamlEditorPanel() {
  const editing = useEditorStore((s) => s.editing);
  const submitting = useEditorStore((s) => s.submitting);
  const output = useEditorStore((s) => s.output);
  const errors = useEditorStore((s) => s.errors);
  const failed = useEditorStore((s) => s.failed);
  const user = useEditorStore((s) => s.user);
  return (
    <section className="yaml-editor" aria-label="YAML editor" data-testid="yaml-editor">
      <div className="panel-toolbar">
        <button type="button" onClick={() => void submitManifests()} disabled={submitting} data-testid="submit">
          {submitting ? 'Submitting…' : editing ? 'Save edit' : 'Submit'}
        </button>
        {editing && (
          <>
            <button type="button" onClick={() => void finishEdit(false)} disabled={submitting} data-testid="cancel-edit">
              Cancel
            </button>
            <span className="hint" data-testid="editing">
              {editing}
            </span>
          </>
        )}
        <label className="hint" hidden={editing !== undefined}>
          as{' '}
          <select value={user} onChange={(e) => useEditorStore.setState({ user: e.target.value })} data-testid="editor-user" aria-label="Submit as user">
            {EDITOR_USERS.map((u) => (
              <option key={u}>{u}</option>
            ))}
          </select>
        </label>
        <span className="hint">kubectl apply -f - · Ctrl+Enter</span>
      </div>
      <div className="editor-host">
        <Suspense fallback={<div className="panel-empty" data-testid="editor-loading">Loading the editor…</div>}>
          <MonacoYamlEditor onSubmit={() => void submitManifests()} />
        </Suspense>
      </div>
      {(output || errors.length > 0) && (
        <div className={`submit-result ${failed ? 'failed' : 'succeeded'}`} data-testid="submit-result" role={failed ? 'alert' : 'status'}>
          {errors.length > 0 ? (
            <ul>
              {errors.map((e, i) => (
                <li key={i} data-testid="submit-error">
                  line {e.line}, column {e.column}: {e.message}
                </li>
              ))}
            </ul>
          ) : (
            <pre>{output}</pre>
          )}
        </div>
      )}
    </section>
  );
}
