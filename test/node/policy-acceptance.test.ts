import { mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Assessor, POLICY_RELATIVE_PATH } from '../../src/node/assessor.js';
import { sha256, verifyAuditFile } from '../../src/node/audit-log.js';
import { acceptancePath, acceptPolicy, isAccepted, readAcceptance } from '../../src/node/policy-acceptance.js';
import { tempDir } from './helpers.js';

const LOOSENING = ['version: 1', 'allow:', '  - command: "npm publish"', '    upTo: high', ''].join('\n');

describe('policy acceptance', () => {
  let saved: string | undefined;
  let state: string;
  beforeEach(() => {
    saved = process.env.AIRLOCK_STATE_DIR;
    state = tempDir('state');
    process.env.AIRLOCK_STATE_DIR = state;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.AIRLOCK_STATE_DIR;
    else process.env.AIRLOCK_STATE_DIR = saved;
  });

  it('applies a loosening workspace policy only while its exact text is accepted, and audits the acceptance', async () => {
    const ws = tempDir('ws');
    const file = join(ws, POLICY_RELATIVE_PATH);
    mkdirSync(join(ws, '.airlock'), { recursive: true });
    writeFileSync(file, LOOSENING);
    const audit = join(ws, '.airlock', 'audit.jsonl');
    const assessor = new Assessor();
    const decide = async () => (await assessor.assess({ command: 'npm publish', cwd: ws, workspaceRoots: [ws], hermetic: true })).decision.action;

    // Held back: the allow entry does not apply, and the diagnostics say so.
    const before = await decide();
    expect(before).not.toBe('allow');
    expect(assessor.policyFor(ws).diagnostics.some((d) => d.message.includes('allow: "npm publish"'))).toBe(true);
    expect(isAccepted(file, LOOSENING)).toBe(false);

    // The human accepts: the record lives outside the workspace, private, and the allow pattern applies.
    const accepted = acceptPolicy(file, LOOSENING, audit);
    expect(accepted.sha256).toBe(sha256(LOOSENING));
    const stored = acceptancePath(file);
    expect(stored.startsWith(state)).toBe(true);
    expect(stored.startsWith(ws)).toBe(false);
    expect(statSync(stored).mode & 0o777).toBe(0o600);
    expect(readAcceptance(file)).toMatchObject({ file, sha256: sha256(LOOSENING), text: LOOSENING });
    expect(isAccepted(file, LOOSENING)).toBe(true);
    expect(await decide()).toBe('allow');
    expect(assessor.policyFor(ws).diagnostics).toEqual([]);

    // The acceptance is on the audit record, and the audit verifies.
    const records = readFileSync(audit, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; note?: string });
    expect(records).toHaveLength(1);
    expect(records[0]!.kind).toBe('policy-change');
    expect(records[0]!.note).toContain(`accepted ${file} (sha256 ${sha256(LOOSENING)})`);
    expect(records[0]!.note).toContain('allow: "npm publish" up to high');
    expect(verifyAuditFile(audit)).toMatchObject({ ok: true, records: 1 });

    // Any edit after the acceptance makes the file pending again.
    const edited = LOOSENING + 'nonProduction:\n  markers: ["staging"]\n';
    writeFileSync(file, edited);
    const later = Date.now() / 1000 + 5;
    utimesSync(file, later, later); // a different mtime even on coarse file systems
    expect(isAccepted(file, edited)).toBe(false);
    expect(await decide()).toBe(before);
    expect(assessor.policyFor(ws).source).toMatch(/tightening only/);
  });

  it('keeps --policy FILE applying as written, with no acceptance needed', async () => {
    const ws = tempDir('ws');
    const file = join(ws, 'explicit.yaml');
    writeFileSync(file, LOOSENING);
    const assessor = new Assessor(file);
    const r = await assessor.assess({ command: 'npm publish', cwd: ws, workspaceRoots: [ws], hermetic: true });
    expect(r.decision.action).toBe('allow');
    expect(r.policySource).toBe(file);
  });

  it('ignores a tampered acceptance record', () => {
    const ws = tempDir('ws');
    const file = join(ws, POLICY_RELATIVE_PATH);
    acceptPolicy(file, LOOSENING, join(ws, 'audit.jsonl'));
    const stored = acceptancePath(file);
    const record = JSON.parse(readFileSync(stored, 'utf8')) as { text: string };
    writeFileSync(stored, JSON.stringify({ ...record, text: LOOSENING + '# more\n' }));
    expect(isAccepted(file, LOOSENING)).toBe(false);
    expect(isAccepted(file, LOOSENING + '# more\n')).toBe(false);
  });
});
