import { describe, expect, it } from 'vitest';
import { policyFileDiagnostics } from '../../../src/core/policy/file-diagnostics.js';

const lines = (...l: string[]) => `${l.join('\n')}\n`;

describe('policy file diagnostics: held-back loosening entries are located where they were written', () => {
  it.each([
    {
      name: 'a looser action points at its risk key',
      text: lines('version: 1', 'actions:', '  low: allow', '  high: allow'),
      want: [{ severity: 'warning', line: 4, column: 3, path: 'actions.high', message: /actions\.high: allow/ }],
    },
    {
      name: 'each allow entry points at its own list item',
      text: lines('allow:', '  - command: "npm test"', '    upTo: low', '  - "git status*"'),
      want: [
        { severity: 'warning', line: 2, column: 5, path: 'allow.0', message: /allow: "npm test" up to low/ },
        { severity: 'warning', line: 4, column: 5, path: 'allow.1', message: /allow: "git status\*" up to medium/ },
      ],
    },
    {
      name: 'a flow-style allow list is located too',
      text: lines('# comment', 'allow: [{ command: "make *", upTo: high }]'),
      want: [{ severity: 'warning', line: 2, column: 9, path: 'allow.0', message: /make \*/ }],
    },
    {
      name: 'a non-production marker points at the marker (trimmed like the parser does)',
      text: lines('nonProduction:', '  markers:', '    - " staging "'),
      want: [{ severity: 'warning', line: 3, column: 7, path: 'nonProduction.markers.0', message: /nonProduction\.markers: "staging"/ }],
    },
    {
      name: 'whenEditorUnavailable: ask points at its key',
      text: lines('codeFreeze: false', 'whenEditorUnavailable: ask'),
      want: [{ severity: 'warning', line: 2, column: 1, path: 'whenEditorUnavailable', message: /whenEditorUnavailable: ask/ }],
    },
    {
      name: 'the older spelling unreachable: ask points at that key',
      text: lines('unreachable: ask'),
      want: [{ severity: 'warning', line: 1, column: 1, path: 'unreachable', message: /whenEditorUnavailable: ask/ }],
    },
    {
      name: 'with both spellings, the one that says ask is pointed at',
      text: lines('whenEditorUnavailable: ask', 'unreachable: ask'),
      want: [{ severity: 'warning', line: 1, column: 1, path: 'whenEditorUnavailable' }],
    },
    {
      name: 'parse errors and held-back entries come together, errors first',
      text: lines('actions:', '  low: allow', '  medium: bogus', 'allow: ["npm test"]'),
      want: [
        { severity: 'error', line: 3, column: 3, path: 'actions.medium', message: /"bogus" is not an action/ },
        { severity: 'warning', line: 4, column: 9, path: 'allow.0', message: /npm test/ },
      ],
    },
    {
      name: 'a tightening-only policy has nothing to report',
      text: lines('actions: { medium: ask, high: deny, critical: deny }', 'codeFreeze: true', 'production: { markers: [acme] }'),
      want: [],
    },
    {
      name: 'unreadable YAML reports only the syntax error (nothing is applied, so nothing is held back)',
      text: lines('allow: ["npm test"'),
      want: [{ severity: 'error', line: 2, path: '' }],
    },
  ])('$name', ({ text, want }) => {
    const got = policyFileDiagnostics(text);
    expect(got).toHaveLength(want.length);
    want.forEach((w, i) => {
      const { message, ...rest } = w as typeof w & { message?: RegExp };
      expect(got[i]).toMatchObject(rest);
      if (message) expect(got[i]!.message).toMatch(message);
    });
  });
});
