// `airlock assess`: one command from the arguments, or a JSON-lines batch from stdin.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { Action } from '../core/policy/policy.js';
import { Assessor } from '../node/assessor.js';
import { isBatchError, parseBatchRequest, type BatchResult } from './batch-protocol.js';
import { formatAssessment } from './format.js';

const EXIT: Record<Action, number> = { allow: 0, ask: 1, confirm: 1, deny: 2 };

export async function runAssess(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      jsonl: { type: 'boolean' },
      cwd: { type: 'string' },
      workspace: { type: 'string', multiple: true },
      env: { type: 'string', multiple: true },
      'kube-context': { type: 'string' },
      'git-branch': { type: 'string' },
      policy: { type: 'string' },
    },
  });
  const assessor = new Assessor(values.policy);
  if (values.jsonl) return runBatch(assessor, values.workspace);

  const command = positionals.join(' ');
  if (!command.trim()) {
    process.stderr.write('airlock assess: no command given (put it after --)\n');
    return 2;
  }
  const env: Record<string, string> = {};
  if (process.env.HOME) env.HOME = process.env.HOME;
  for (const pair of values.env ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) {
      process.stderr.write(`airlock assess: --env expects NAME=VALUE, got ${JSON.stringify(pair)}\n`);
      return 2;
    }
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const result = await assessor.assess({
    command, cwd: values.cwd, workspaceRoots: values.workspace, env,
    kubeContext: values['kube-context'], gitBranch: values['git-branch'],
  });
  for (const d of result.policyDiagnostics) {
    const at = d.line ? ` at line ${d.line}, column ${d.column}` : '';
    process.stderr.write(`airlock: policy ${d.severity}${at}: ${d.message}\n`);
  }
  if (values.json) {
    process.stdout.write(JSON.stringify({ ...result.assessment, action: result.decision.action, decision: result.decision, policy: result.policySource }, null, 2) + '\n');
  } else {
    process.stdout.write(formatAssessment(result.assessment, result.decision, process.stdout.isTTY === true) + '\n');
  }
  return EXIT[result.decision.action];
}

async function runBatch(assessor: Assessor, workspace: readonly string[] | undefined): Promise<number> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let failures = 0;
  for await (const line of lines) {
    if (!line.trim()) continue;
    const req = parseBatchRequest(line);
    if (isBatchError(req)) {
      failures++;
      process.stdout.write(JSON.stringify(req) + '\n');
      continue;
    }
    try {
      const { assessment: a, decision } = await assessor.assess({
        command: req.command, cwd: req.cwd, env: req.env ?? {}, kubeContext: req.kubeContext, gitBranch: req.gitBranch,
        workspaceRoots: workspace, hermetic: true,
      });
      const out: BatchResult = { id: req.id, risk: a.risk, action: decision.action, tags: a.tags, summary: a.summary, rules: a.rules.map((r) => r.id) };
      process.stdout.write(JSON.stringify(out) + '\n');
    } catch (e) {
      failures++;
      process.stdout.write(JSON.stringify({ id: req.id, error: `assessment failed: ${(e as Error).message}` }) + '\n');
    }
  }
  // Bad lines are reported in-band; the batch itself completed.
  if (failures) process.stderr.write(`airlock: ${failures} line(s) could not be assessed\n`);
  return 0;
}
