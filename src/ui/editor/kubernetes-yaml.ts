/**
 * Teaches the YAML editor Kubernetes, offline: monaco-yaml (the yaml-language-server in its own
 * worker) with the schema of the kinds this cluster serves (kubernetes.schema.json, generated
 * from the apiserver's field schema by scripts/generate-editor-schema.ts) for completion of
 * fields and enum values, hover documentation and schema errors as you type; and the manifest
 * snippets. No schema is fetched: `enableSchemaRequest: false` and the schema is given inline.
 * What the editor says as you type is advice: the server's answer on Submit is the final word.
 */
import type * as Monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import { configureMonacoYaml, type JSONSchema } from 'monaco-yaml';
import kubernetesSchema from './kubernetes.schema.json';
import { MANIFEST_SNIPPETS } from './snippets';

/** The editor's model lives at this URI; the schema applies to it. */
export const MANIFEST_URI = 'file:///kubearch/manifest.yaml';

let configured = false;

/**
 * monaco-yaml 5.5.1 (through monaco-worker-manager 2) asks `editor.createWebWorker` for a worker
 * by label and module id, the API of monaco before 0.55; 0.55 takes the Worker itself, so the
 * yaml worker would never start. This is what 0.55's own language workers do
 * (monaco-editor/esm/vs/common/workers.js): start the worker, send it a message it ignores, then
 * its createData (the schemas), and hand the Worker to createWebWorker.
 */
function withYamlWorker(monaco: typeof Monaco, createWorker: () => Worker): typeof Monaco {
  const createWebWorker = <T extends object>(opts: { readonly createData?: unknown }): Monaco.editor.MonacoWebWorker<T> => {
    const worker = createWorker();
    worker.postMessage('ignore');
    worker.postMessage(opts.createData);
    return monaco.editor.createWebWorker<T>({ worker });
  };
  return { ...monaco, editor: { ...monaco.editor, createWebWorker } } as typeof Monaco;
}

export function configureKubernetesYaml(monaco: typeof Monaco, createYamlWorker: () => Worker): void {
  if (configured) return;
  configured = true;
  configureMonacoYaml(withYamlWorker(monaco, createYamlWorker), {
    enableSchemaRequest: false,
    hover: true,
    completion: true,
    validate: true,
    format: { enable: false },
    schemas: [{ uri: 'kubearch://schemas/kubernetes.json', fileMatch: [MANIFEST_URI], schema: kubernetesSchema as JSONSchema }],
  });
  monaco.languages.registerCompletionItemProvider('yaml', {
    provideCompletionItems(model, position) {
      const before = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
      // Only where a new object starts: a bare word at the start of a line.
      if (!/^[A-Za-z]*$/.test(before)) return { suggestions: [] };
      const range = new monaco.Range(position.lineNumber, 1, position.lineNumber, position.column);
      return {
        suggestions: MANIFEST_SNIPPETS.map((s) => ({
          label: s.label,
          detail: s.detail,
          documentation: s.body.replace(/\$\{\d+\|([^,|]+)[^}]*\}|\$\{\d+:([^}]*)\}/g, (_m, choice: string | undefined, text: string | undefined) => choice ?? text ?? ''),
          kind: monaco.languages.CompletionItemKind.Snippet,
          insertText: s.body,
          insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
          range,
        })),
      };
    },
  });
}
