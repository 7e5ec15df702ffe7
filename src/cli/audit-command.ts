// `airlock audit verify [FILE]`: checks the hash chain and the external anchor; exit 0 when intact.
import { resolve } from 'node:path';
import { DEFAULT_AUDIT_PATH, verifyAuditFile } from '../node/audit-log.js';

export function runAudit(args: readonly string[]): number {
  const [sub, fileArg] = args;
  if (sub !== 'verify') {
    process.stderr.write('usage: airlock audit verify [FILE]\n');
    return 2;
  }
  const file = resolve(fileArg ?? DEFAULT_AUDIT_PATH);
  let report;
  try {
    report = verifyAuditFile(file);
  } catch (e) {
    process.stderr.write(`airlock: cannot read ${file}: ${(e as Error).message}\n`);
    return 2;
  }
  if (report.ok) {
    const breaks = report.breaks.length ? `; ${report.breaks.length} recorded break(s) at line ${report.breaks.map((b) => b.line).join(', ')}` : '';
    process.stdout.write(`OK: ${report.records} records, chain intact up to #${report.head?.seq ?? 0}${breaks}\n`);
    return 0;
  }
  const bad = report.firstBad!;
  process.stdout.write(`TAMPERED: first bad record at line ${bad.line}${bad.seq ? ` (#${bad.seq})` : ''}: ${bad.reason}\n`);
  return 1;
}
