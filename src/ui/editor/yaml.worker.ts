/**
 * monaco-yaml's language worker (the yaml-language-server), bundled by Vite as this project's own
 * worker file: importing `monaco-yaml/yaml.worker.js` with `?worker` directly fails in Vite
 * ("Unexpected usage"; monaco-yaml's README, Vite FAQ).
 */
import 'monaco-yaml/yaml.worker.js';
