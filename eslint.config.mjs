// Lint: typescript-eslint's recommended rules plus the architectural boundary — src/core is pure.
import tseslint from 'typescript-eslint';

const NODE_IO = ['fs', 'fs/promises', 'child_process', 'net', 'http', 'https', 'os', 'path', 'dgram', 'worker_threads', 'process', 'readline', 'tls', 'dns', 'cluster', 'v8', 'vm', 'crypto'];
const restricted = [
  { name: 'vscode', message: 'src/core must not depend on the editor: put editor code in src/vscode.' },
  ...NODE_IO.flatMap((m) => [
    { name: m, message: 'src/core receives I/O through interfaces: put Node I/O in src/node.' },
    { name: `node:${m}`, message: 'src/core receives I/O through interfaces: put Node I/O in src/node.' },
  ]),
];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test-results/**', '.vscode-test/**', 'demo/**', '**/*.mjs', '**/*.js'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: restricted, patterns: [{ group: ['**/vscode/**', '**/node/**', '**/cli/**'], message: 'src/core may not import the adapters.' }] }],
      'no-restricted-globals': ['error', { name: 'process', message: 'src/core gets its environment through AssessContext.' }, { name: 'require', message: 'no dynamic loading in src/core' }],
    },
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'the webview runs in the browser' }] }] },
  },
);
