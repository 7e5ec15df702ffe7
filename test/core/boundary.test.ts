// The architectural boundary is enforced by lint, so prove the lint rule actually fires.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

describe('src/core import boundary', () => {
  it.each([
    ["import * as vscode from 'vscode';", 'src/core/x.ts'],
    ["import { readFileSync } from 'node:fs';", 'src/core/x.ts'],
    ["import { execFile } from 'child_process';", 'src/core/rules/x.ts'],
    ["import { Assessor } from '../node/assessor.js';", 'src/core/x.ts'],
  ])('rejects %s in %s', async (code, filePath) => {
    const [result] = await eslint.lintText(`${code}\nexport const x = 1;\n`, { filePath });
    expect(result!.messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
  });

  it('allows the same import in an adapter', async () => {
    const [result] = await eslint.lintText("import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", { filePath: 'src/node/x.ts' });
    expect(result!.messages.filter((m) => m.ruleId === 'no-restricted-imports')).toEqual([]);
  });
});
