/**
 * The monaco editor itself, in its own lazily loaded chunk. Only the editor API and the YAML
 * grammar are imported, not monaco's whole entry (libraries.md); monaco-yaml adds the Kubernetes
 * schema (editor/kubernetes-yaml.ts) in its own worker. Errors from the last Submit become
 * markers at their line and column, beside the schema's as-you-type ones.
 */
import { useEffect, useRef } from 'react';
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';
import YamlWorker from '../editor/yaml.worker?worker';
import { configureKubernetesYaml, MANIFEST_URI } from '../editor/kubernetes-yaml';
import { useEditorStore } from '../stores/editor-store';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
configureKubernetesYaml(monaco, () => new YamlWorker());

export default function MonacoYamlEditor({ onSubmit }: { onSubmit: () => void }) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | undefined>(undefined);
  const errors = useEditorStore((s) => s.errors);
  const submitRef = useRef(onSubmit);
  submitRef.current = onSubmit;

  useEffect(() => {
    if (!host.current) return;
    const uri = monaco.Uri.parse(MANIFEST_URI);
    monaco.editor.getModel(uri)?.dispose();
    const editor = monaco.editor.create(host.current, {
      model: monaco.editor.createModel(useEditorStore.getState().text, 'yaml', uri),
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      scrollBeyondLastLine: false,
      tabSize: 2,
      // Enum values (`restartPolicy: Never`) are completed in what YAML calls strings.
      quickSuggestions: { other: true, strings: true, comments: false },
      // Hovers and the suggestion list may reach past the editor's box.
      fixedOverflowWidgets: true,
    });
    editorRef.current = editor;
    const sub = editor.onDidChangeModelContent(() => {
      const text = editor.getValue();
      if (text !== useEditorStore.getState().text) useEditorStore.setState({ text });
    });
    // Text set from outside the editor (`kubectl edit` in the shell) replaces the model's.
    const unsubscribe = useEditorStore.subscribe((state) => {
      if (state.text !== editor.getValue()) editor.setValue(state.text);
    });
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => submitRef.current());
    return () => {
      sub.dispose();
      unsubscribe();
      editor.getModel()?.dispose();
      editor.dispose();
    };
  }, []);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      'kubearch',
      errors.map((e) => ({
        severity: monaco.MarkerSeverity.Error,
        message: e.message,
        startLineNumber: e.line,
        startColumn: e.column,
        endLineNumber: e.line,
        endColumn: model.getLineMaxColumn(Math.min(e.line, model.getLineCount())),
      })),
    );
    if (errors[0]) editorRef.current?.revealLineInCenterIfOutsideViewport(errors[0].line);
  }, [errors]);

  return <div ref={host} className="monaco-host" data-testid="monaco-host" />;
}
