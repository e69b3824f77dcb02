// Lint: typescript-eslint's recommended rules, plus the rule that keeps the simulation core
// deterministic and one-way: src/sim never reads the wall clock, Math.random or timers, and
// never imports from the layers above it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const wallClock = [
  { object: 'Date', property: 'now', message: 'src/sim takes time from the engine clock, not the wall clock.' },
  { object: 'Math', property: 'random', message: 'src/sim draws randomness from the engine Rng.' },
  { object: 'performance', property: 'now', message: 'src/sim takes time from the engine clock.' },
];

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
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/ui/**', '**/worker/**', '**/shell/**', '**/cli/**', 'react', 'react-dom'], message: 'src/sim imports nothing from the layers above it.' }] },
      ],
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
);
