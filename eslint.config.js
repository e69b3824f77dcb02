// Lint: typescript-eslint's recommended rules, plus the rules that keep the arrows one way
// (ui -> worker -> shell -> sim): src/sim never reads the wall clock, Math.random or timers, and
// never imports from the layers above it; src/ui talks to the simulation only through the
// worker's client, its protocol types and the few pure helpers it re-exports.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const wallClock = [
  { object: 'Date', property: 'now', message: 'src/sim takes time from the engine clock, not the wall clock.' },
  { object: 'Math', property: 'random', message: 'src/sim draws randomness from the engine Rng.' },
  { object: 'performance', property: 'now', message: 'src/sim takes time from the engine clock.' },
];

// The arrows src/architecture.test.ts checks, as far as a pattern over an import's text can tell
// them apart (it cannot tell sim/node/ from apiserver/authorization/node/, so apiserver -> node is
// left to the test). Flat config replaces a rule's options per matching block, so each block
// lists every pattern that applies to it.
const simUpward = { group: ['**/ui/**', '**/worker/**', '**/shell/**', '**/cli/**', 'react', 'react-dom'], message: 'src/sim imports nothing from the layers above it.' };
const clusterFromTesting = { group: ['**/cluster', '**/cluster.ts'], message: 'Inside src/sim only src/sim/testing assembles a cluster; a test imports it from there.' };
const clientToApiserver = { group: ['**/apiserver/**'], message: 'The client takes its wire types from src/sim/api, not from the apiserver.' };
const apiserverToClient = { group: ['**/client/**'], message: 'The apiserver does not import its clients.' };

const uiLayers = {
  group: ['**/sim', '**/sim/**', '**/shell', '**/shell/**', '**/cli/**', '**/labs/**'],
  message: 'src/ui reaches the simulation through src/worker only (client, protocol, shared).',
};
const workerInsides = {
  group: ['**/worker/*', '!**/worker/client', '!**/worker/protocol', '!**/worker/shared'],
  message: "src/ui imports the worker's client, protocol and shared helpers, not its insides (they run in the worker).",
};

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'public'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/sim/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error', ...wallClock],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'src/sim schedules events on the engine.' },
        { name: 'setInterval', message: 'src/sim schedules events on the engine.' },
        { name: 'requestAnimationFrame', message: 'src/sim schedules events on the engine.' },
        { name: 'performance', message: 'src/sim takes time from the engine clock.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'new Date() reads the wall clock; use the engine clock.' },
      ],
      'no-restricted-imports': ['error', { patterns: [simUpward, clusterFromTesting] }],
    },
  },
  {
    files: ['src/shell/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/ui/**', '**/worker/**', '**/cli/**', 'react', 'react-dom'], message: 'src/shell is used by the worker and the CLI, never the other way round.' }] },
      ],
    },
  },
  {
    files: ['src/sim/client/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [simUpward, clusterFromTesting, clientToApiserver] }] },
  },
  {
    files: ['src/sim/apiserver/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [simUpward, clusterFromTesting, apiserverToClient] }] },
  },
  {
    files: ['src/sim/testing/**/*.ts', 'src/sim/cluster.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [simUpward] }] },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [uiLayers, workerInsides] }] },
  },
  {
    // A test of the page may run the worker's session in the same thread, in place of the worker.
    files: ['src/ui/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [uiLayers] }] },
  },
);
