// extensionTestsPath entry: VS Code loads this in the extension host of the real editor and calls run().
// It runs every *.test.js next to it with mocha, prints `N passed, N failed`, and writes the counts to
// test-results/integration.json (or $AIRLOCK_RESULTS_FILE) for the runner.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  const grep = process.env.AIRLOCK_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  }
  const resultsFile =
    process.env.AIRLOCK_RESULTS_FILE || path.resolve(__dirname, '..', '..', 'test-results', 'integration.json');
  return new Promise((resolve, reject) => {
    const failures: string[] = [];
    const runner = mocha.run((failed) => {
      const stats = runner.stats ?? { passes: 0, failures: failed, pending: 0 };
      const summary = { passed: stats.passes, failed: stats.failures, pending: stats.pending, failures };
      try {
        fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
        fs.writeFileSync(resultsFile, JSON.stringify(summary, null, 2));
      } catch (e) {
        console.error(`could not write ${resultsFile}: ${String(e)}`);
      }
      console.log(`${stats.passes} passed, ${stats.failures} failed`);
      if (failed > 0) reject(new Error(`${failed} integration test(s) failed`));
      else resolve();
    });
    runner.on('fail', (t, err: unknown) => failures.push(`${t.fullTitle()}: ${String((err as Error)?.message ?? err)}`));
  });
}
