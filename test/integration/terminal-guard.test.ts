/// <reference types="mocha" />
// Issue 6, terminal and task interception, in the real editor. A second extension, the fake agent
// (test/fixtures/fake-agent), opens terminals and starts tasks through the public API the real agents
// use; Airlock's guard, observer and task guard must deal with them as they would with Cline or Roo
// Code. What is checked is what a user would see: whether the victim folder is still there, the
// exit code and the message in the terminal, and the records in the workspace audit file.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activated, eventually, workspaceFolder } from './helpers';

interface LineResult {
  exitCode: number | undefined;
  output: string;
}
interface AgentTerminal {
  name: string;
  shellPath: string;
  env?: Record<string, string>;
}
/** What the fake agent checks before it uses a new terminal (see openTerminal in the fixture). */
type GuardExpectation = 'loaded' | 'absent' | 'unchecked';
interface TaskResult {
  exitCode: number | undefined;
  processId: number | undefined;
}
interface AuditLine {
  kind: string;
  requestId?: string;
  command?: string;
  exitCode?: number | null;
  source?: { agent: string; session?: string; path: string };
  decision?: { action: string; by: string; reason: string };
  execution?: { terminal: string; origin: string; bypass: boolean };
  note?: string;
}

const SHELLS = [
  { shell: 'bash', shellPath: '/bin/bash' },
  { shell: 'zsh', shellPath: '/usr/bin/zsh' },
] as const;

/** Two ways an agent's terminal is recognised: Cline's terminal name, and Cline's env marker on a neutral name. */
const AGENTS = [
  { label: 'terminal named "Cline"', name: 'Cline' },
  { label: 'terminal with CLINE_ACTIVE=true', name: 'build helper', env: { CLINE_ACTIVE: 'true' } },
] as const;

type Action = 'allow' | 'ask' | 'confirm' | 'deny';
function policyText(actions: { low: Action; medium: Action; high: Action; critical: Action }, approvalTimeoutSeconds?: number): string {
  return [
    '# written by test/integration/terminal-guard.test.ts',
    'version: 1',
    'actions:',
    ...Object.entries(actions).map(([risk, action]) => `  ${risk}: ${action}`),
    ...(approvalTimeoutSeconds === undefined ? [] : [`approvalTimeoutSeconds: ${approvalTimeoutSeconds}`]),
    '',
  ].join('\n');
}
/** Tighter than the defaults, so it applies at once without a review: a recursive delete (high) is refused. */
const DENY_HIGH = policyText({ low: 'allow', medium: 'allow', high: 'deny', critical: 'deny' });
/** High is held for a human, and a held request times out after 5 s (the shortest allowed). */
const HOLD_HIGH_BRIEFLY = policyText({ low: 'allow', medium: 'allow', high: 'ask', critical: 'deny' }, 5);

const root = () => workspaceFolder().uri.fsPath;
const policyFile = () => path.join(root(), '.airlock', 'policy.yaml');

function auditFile(): string {
  const setting = vscode.workspace.getConfiguration('airlock', workspaceFolder().uri).get<string>('auditFile') || path.join('.airlock', 'audit.jsonl');
  return path.isAbsolute(setting) ? setting : path.join(root(), setting);
}

function auditRecords(): AuditLine[] {
  if (!fs.existsSync(auditFile())) return [];
  return fs.readFileSync(auditFile(), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as AuditLine);
}

/** Waits for the first audit record that matches, and returns it. */
async function auditRecord(what: string, match: (r: AuditLine) => boolean, ms = 15_000): Promise<AuditLine> {
  let found: AuditLine | undefined;
  await eventually(() => (found = auditRecords().find(match)) !== undefined, ms, `${what} in the audit file`).catch((e: Error) => {
    const near = auditRecords().slice(-8).map((r) => JSON.stringify({ kind: r.kind, command: r.command, exitCode: r.exitCode, decision: r.decision, execution: r.execution }));
    throw new Error(`${e.message}; the last records:\n  ${near.join('\n  ')}`);
  });
  return found!;
}

/** Victim folders and scripts, removed after each test. */
let created: string[] = [];
let serial = 0;
/** A folder with a file in the workspace, named uniquely so that its audit records can be told apart. */
function victim(tag: string): { name: string; dir: string; survives: () => boolean } {
  const name = `victim-${tag}-${++serial}-${Date.now().toString(36)}`;
  const dir = path.join(root(), name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'keep.txt'), 'must survive\n');
  created.push(dir);
  return { name, dir, survives: () => fs.existsSync(path.join(dir, 'keep.txt')) };
}

function runLine(terminal: AgentTerminal, command: string, guard: GuardExpectation = 'loaded'): Promise<LineResult & { attempts: number }> {
  return vscode.commands.executeCommand('fakeAgent.runInTerminal', { ...terminal, command, guard }) as Promise<LineResult & { attempts: number }>;
}
async function runLines(terminal: AgentTerminal, commands: string[]): Promise<LineResult[]> {
  const r = (await vscode.commands.executeCommand('fakeAgent.runInTerminal', { ...terminal, command: commands, guard: 'loaded' })) as { results: LineResult[] };
  return r.results;
}
async function sendLine(terminal: AgentTerminal, command: string, guard: GuardExpectation = 'loaded', shellIntegration = true): Promise<unknown> {
  return await vscode.commands.executeCommand('fakeAgent.runInTerminal', { ...terminal, command, guard, via: 'sendText', expectShellIntegration: shellIntegration });
}
function runTask(args: { label: string; type: 'shell' | 'process'; command: string; args?: string[]; shellExecutable?: string }): Promise<TaskResult> {
  return vscode.commands.executeCommand('fakeAgent.runTask', args) as Promise<TaskResult>;
}

const show = (r: LineResult) => JSON.stringify(r);

/** A script in the workspace whose only dangerous step is `<shell> -c 'rm -rf <victim>'`. */
function tidyScript(victimName: string, shell: string): string {
  const name = `tidy-${victimName}.sh`;
  created.push(path.join(root(), name));
  fs.writeFileSync(path.join(root(), name), `echo tidying\n${shell} -c 'rm -rf ${victimName}'\n`);
  return name;
}

async function assertScriptBlocked(v: { name: string; survives: () => boolean }, r: LineResult, line: string): Promise<void> {
  assert.ok(v.survives(), `${v.name} was deleted (${show(r)})`);
  assert.match(r.output, /Airlock blocked this command/, show(r));
  assert.doesNotMatch(r.output, /tidying/, `the script must not have started: ${show(r)}`);
  assert.strictEqual(r.exitCode, 126, show(r));
  const decision = await auditRecord(`the decision on "${line}"`, (x) => x.kind === 'decision' && x.command === line);
  assert.strictEqual(decision.decision?.action, 'deny');
}

suite('terminal guard', () => {
  let originalPolicy: string | undefined;

  suiteSetup(async function () {
    this.timeout(30_000);
    await activated();
    originalPolicy = fs.existsSync(policyFile()) ? fs.readFileSync(policyFile(), 'utf8') : undefined;
    // This suite sends many high requests from the same agent terminals on purpose; the burst breaker that
    // would pause those sessions is tested in the browser suite (recovery.test.ts).
    await vscode.workspace.getConfiguration('airlock.burst').update('threshold', 100, vscode.ConfigurationTarget.Global);
  });

  setup(() => {
    fs.mkdirSync(path.dirname(policyFile()), { recursive: true });
    fs.writeFileSync(policyFile(), DENY_HIGH);
  });

  teardown(async () => {
    await vscode.commands.executeCommand('fakeAgent.disposeTerminals');
    for (const p of created) fs.rmSync(p, { recursive: true, force: true });
    created = [];
  });

  suiteTeardown(async () => {
    if (originalPolicy === undefined) fs.rmSync(policyFile(), { force: true });
    else fs.writeFileSync(policyFile(), originalPolicy);
    await vscode.workspace.getConfiguration('airlock.burst').update('threshold', undefined, vscode.ConfigurationTarget.Global);
  });

  for (const { shell, shellPath } of SHELLS) {
    suite(shell, () => {
      for (const agent of AGENTS) {
        const terminal: AgentTerminal = { name: agent.name, shellPath, ...('env' in agent && { env: agent.env }) };

        test(`${agent.label}: a denied command does not run, exits 126 and says why (executeCommand)`, async function () {
          this.timeout(60_000);
          const v = victim(shell);
          const r = await runLine(terminal, `rm -rf ${v.name}`);
          assert.ok(v.survives(), `${v.name} was deleted (${show(r)})`);
          assert.strictEqual(r.exitCode, 126, show(r));
          assert.match(r.output, /Airlock blocked this command/, show(r));
        });

        test(`${agent.label}: a denied command does not run (sendText)`, async function () {
          this.timeout(60_000);
          const v = victim(shell);
          const line = `rm -rf ${v.name}`;
          await sendLine(terminal, line);
          // sendText returns at once: the observer's outcome record says when the line has finished.
          const outcome = await auditRecord(`the outcome of "${line}"`, (r) => r.kind === 'outcome' && r.command === line);
          assert.strictEqual(outcome.exitCode, 126);
          assert.ok(v.survives(), `${v.name} was deleted`);
        });
      }

      test('benign commands run untouched: output and exit codes as without Airlock', async function () {
        this.timeout(60_000);
        const marker = `ok-${shell}-${Date.now().toString(36)}`;
        const [echo, exit3, missing, watchedButLow] = await runLines({ name: 'Cline', shellPath }, [
          `echo ${marker}`,
          `sh -c 'exit 3'`,
          `ls does-not-exist-${marker}`,
          // quotes and a watched word: this one is asked about, and allowed
          `git --version && echo "quoted-${marker}"`,
        ]);
        assert.strictEqual(echo!.exitCode, 0, show(echo!));
        assert.match(echo!.output, new RegExp(marker), show(echo!));
        assert.strictEqual(exit3!.exitCode, 3, show(exit3!));
        assert.ok(missing!.exitCode !== undefined && missing!.exitCode !== 0, `ls of a missing file: ${show(missing!)}`);
        assert.doesNotMatch(missing!.output, /Airlock/, show(missing!));
        assert.strictEqual(watchedButLow!.exitCode, 0, show(watchedButLow!));
        assert.match(watchedButLow!.output, new RegExp(`quoted-${marker}`), show(watchedButLow!));
      });

      test(`the human's terminal ("${shell}") is audit-only by default: the same command runs and is recorded`, async function () {
        this.timeout(60_000);
        const v = victim(`human-${shell}`);
        const line = `rm -rf ${v.name}`;
        const r = await runLine({ name: shell, shellPath }, line);
        assert.strictEqual(r.exitCode, 0, show(r));
        assert.ok(!v.survives(), `${v.name} should have been deleted in the human's terminal (${show(r)})`);
        const decision = await auditRecord(`the decision on "${line}"`, (x) => x.kind === 'decision' && x.command === line);
        assert.deepStrictEqual({ action: decision.decision?.action, by: decision.decision?.by }, { action: 'allow', by: 'audit-only' });
        assert.strictEqual(decision.source?.agent, 'human');
      });

      test(`${shell} -c with a dangerous string is blocked when typed, and a script that runs one is read and blocked before it starts`, async function () {
        this.timeout(60_000);
        const direct = victim(`c-${shell}`);
        const viaScript = victim(`script-${shell}`);
        // The agent's line is `sh tidy.sh`: Airlock reads the script before the line runs and finds the -c string in it.
        const script = tidyScript(viaScript.name, shell);
        const [a, b] = await runLines({ name: 'Cline', shellPath }, [`${shell} -c "rm -rf ${direct.name}"`, `sh ${script}`]);
        assert.ok(direct.survives(), `${direct.name} was deleted (${show(a!)})`);
        assert.strictEqual(a!.exitCode, 126, show(a!));
        assert.match(a!.output, /Airlock blocked this command/, show(a!));
        await assertScriptBlocked(viaScript, b!, `sh ${script}`);
      });

      test(`a ${shell} -c string in a script that ${shell} runs is found before the script starts`, async function () {
        this.timeout(60_000);
        const v = victim(`nested-${shell}`);
        const line = `${shell} ${tidyScript(v.name, shell)}`;
        const r = await runLine({ name: 'Cline', shellPath }, line);
        await assertScriptBlocked(v, r, line);
      });

      test('the observer records what ran, with exit codes, in agent and human terminals', async function () {
        this.timeout(90_000);
        // No shell's name in the marker: the guard asks about every word (or part of one) that names a shell.
        const marker = `${shell === 'bash' ? 'b' : 'z'}${Date.now().toString(36)}`;
        const v = victim(`observed-${shell}`);
        const agentLines = [`ls missing-agent-${marker}`, `rm -rf ${v.name}`];
        const [missing, denied] = await runLines({ name: 'Cline', shellPath }, agentLines);
        const humanLine = `ls missing-human-${marker}`;
        const human = await runLine({ name: shell, shellPath }, humanLine);

        // A line that needed no decision: an `execution` record, written when it ended.
        const ran = await auditRecord(`the execution of "${agentLines[0]}"`, (r) => r.kind === 'execution' && r.command === agentLines[0]);
        assert.deepStrictEqual(
          { exitCode: ran.exitCode, action: ran.decision?.action, execution: ran.execution },
          { exitCode: missing!.exitCode, action: 'ran', execution: { terminal: 'Cline', origin: 'agent', bypass: false } },
        );
        // A decided line: an `outcome` record linked to the decision.
        const decision = await auditRecord(`the decision on "${agentLines[1]}"`, (r) => r.kind === 'decision' && r.command === agentLines[1]);
        const outcome = await auditRecord(`the outcome of "${agentLines[1]}"`, (r) => r.kind === 'outcome' && r.command === agentLines[1]);
        assert.strictEqual(decision.decision?.action, 'deny');
        assert.deepStrictEqual({ requestId: outcome.requestId, exitCode: outcome.exitCode }, { requestId: decision.requestId, exitCode: denied!.exitCode });
        assert.strictEqual(outcome.exitCode, 126);
        const humanRan = await auditRecord(`the execution of "${humanLine}"`, (r) => r.kind === 'execution' && r.command === humanLine);
        assert.deepStrictEqual(
          { exitCode: humanRan.exitCode, action: humanRan.decision?.action, execution: humanRan.execution },
          { exitCode: human.exitCode, action: 'ran', execution: { terminal: shell, origin: 'human', bypass: false } },
        );
        assert.notStrictEqual(human.exitCode, 0);
      });
    });
  }

  suite('bypass', () => {
    test('an agent terminal without the guard (guard turned off): a risky command runs, and is recorded as a bypass', async function () {
      this.timeout(90_000);
      const config = vscode.workspace.getConfiguration('airlock.terminal');
      await config.update('guard', false, vscode.ConfigurationTarget.Global);
      try {
        const v = victim('bypass');
        const line = `rm -rf ${v.name}`;
        // The fake agent opens terminals until one starts without the guard (the collection is
        // cleared asynchronously). Nothing stops the command: that is exactly what a bypass is.
        const r = await runLine({ name: 'Cline', shellPath: '/bin/bash' }, line, 'absent');
        assert.ok(!v.survives(), `without the guard the command runs (${show(r)})`);
        const rec = await auditRecord(`the bypass record of "${line}"`, (x) => x.kind === 'execution' && x.command === line);
        assert.deepStrictEqual(
          { action: rec.decision?.action, execution: rec.execution },
          { action: 'bypass', execution: { terminal: 'Cline', origin: 'agent', bypass: true } },
        );
      } finally {
        await config.update('guard', undefined, vscode.ConfigurationTarget.Global);
        // The tests that follow need the guard back in new shells (the fake agent waits for it).
        await runLine({ name: 'Cline', shellPath: '/bin/bash' }, 'true');
      }
    });

    // VS Code has no shell integration for sh (dash) and the guard is not in it: a line run in an
    // agent's /bin/sh terminal is neither checked nor observed. Airlock cannot record the command;
    // it records, and tells the human, that the terminal is one it cannot see into.
    test('an agent terminal running a shell without shell integration (/bin/sh) is reported as unseen', async function () {
      this.timeout(60_000);
      const v = victim('dash');
      const line = `rm -rf ${v.name}`;
      // The line is sent as text (no shell integration to run it with). The command runs.
      await sendLine({ name: 'Cline', shellPath: '/bin/sh' }, line, 'unchecked', false);
      await eventually(() => !v.survives(), 15_000, `dash to run "${line}"`);
      const rec = await auditRecord('the notice about the unseen terminal', (x) => x.kind === 'notice' && typeof x.note === 'string' && x.note.includes('"Cline"') && x.note.includes('/bin/sh') && x.note.includes('no shell integration'));
      assert.strictEqual(rec.source?.agent, 'Cline');
    });
  });

  suite('tasks', () => {
    test('a bash shell task with a denied command is stopped before it runs', async function () {
      this.timeout(60_000);
      const v = victim('shell-task');
      const command = `rm -rf ${v.name}`;
      const r = await runTask({ label: `tidy ${v.name}`, type: 'shell', command, shellExecutable: '/bin/bash' });
      assert.ok(v.survives(), `${v.name} was deleted (${JSON.stringify(r)})`);
      assert.ok(r.exitCode !== undefined && r.exitCode !== 0, `the task fails: ${JSON.stringify(r)}`);
      const decision = await auditRecord(`the decision on the task's "${command}"`, (x) => x.kind === 'decision' && x.command === command);
      assert.deepStrictEqual({ action: decision.decision?.action, source: decision.source?.agent }, { action: 'deny', source: 'task' });
    });

    test('a process task that starts without a decision is terminated, recorded as a bypass, and its held re-run times out', async function () {
      this.timeout(60_000);
      fs.writeFileSync(policyFile(), HOLD_HIGH_BRIEFLY);
      const v = victim('process-task');
      const r = await runTask({ label: `clean ${v.name}`, type: 'process', command: 'rm', args: ['-rf', v.dir] });
      // A process task runs no shell, so nothing can ask before it starts; `rm` of one small folder is
      // done long before the task guard sees the start, so whether the folder survived is only logged.
      console.log(`process task rm: ${JSON.stringify(r)}; ${v.name} ${v.survives() ? 'survived' : 'was deleted before the task guard stopped it'}`);
      const bypass = await auditRecord(`the task guard's bypass record for ${v.name}`, (x) => x.kind === 'execution' && !!x.command?.includes(v.name));
      assert.deepStrictEqual(
        { action: bypass.decision?.action, execution: bypass.execution },
        { action: 'bypass', execution: { terminal: `clean ${v.name}`, origin: 'task', bypass: true } },
      );
      assert.match(bypass.decision?.reason ?? '', /may have run briefly/);
      // The re-run waits for a human; nobody answers, so it is refused when the policy's 5 s are up.
      const rerun = await auditRecord(`the decision on re-running ${v.name}`, (x) => x.kind === 'decision' && !!x.command?.includes(v.name), 20_000);
      assert.deepStrictEqual({ action: rerun.decision?.action, by: rerun.decision?.by }, { action: 'deny', by: 'timeout' });
    });

    test('a process task whose damage comes later (sh -c "sleep; rm") is terminated before it does it', async function () {
      this.timeout(60_000);
      fs.writeFileSync(policyFile(), HOLD_HIGH_BRIEFLY);
      const v = victim('sleepy-task');
      const r = await runTask({ label: `later ${v.name}`, type: 'process', command: '/bin/sh', args: ['-c', `sleep 8; rm -rf ${v.dir}`] });
      // runTask resolves when the task's process has ended: the shell that would run rm is gone.
      assert.ok(v.survives(), `${v.name} was deleted (${JSON.stringify(r)})`);
      const bypass = await auditRecord(`the task guard's bypass record for ${v.name}`, (x) => x.kind === 'execution' && !!x.command?.includes(v.name));
      assert.strictEqual(bypass.execution?.bypass, true);
      // Waited for, so that no held request is left for the suites that follow.
      const rerun = await auditRecord(`the timed-out decision on re-running ${v.name}`, (x) => x.kind === 'decision' && !!x.command?.includes(v.name), 20_000);
      assert.strictEqual(rerun.decision?.by, 'timeout');
    });
  });
});
