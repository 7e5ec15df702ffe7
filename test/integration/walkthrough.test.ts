/// <reference types="mocha" />
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { airlock } from './helpers';

interface Walkthrough {
  id: string;
  title: string;
  steps: { id: string; title: string; description: string; media?: { markdown?: string } }[];
}

suite('walkthrough', () => {
  test('the getting-started walkthrough is contributed: install hooks, a demo request, tune risk levels', () => {
    const ext = airlock();
    const walkthroughs = (ext.packageJSON as { contributes?: { walkthroughs?: Walkthrough[] } }).contributes?.walkthroughs ?? [];
    const w = walkthroughs.find((x) => x.id === 'airlock.gettingStarted');
    assert.ok(w, 'airlock.gettingStarted is contributed');
    assert.deepStrictEqual(w.steps.map((s) => s.title), ['Install agent hooks', 'See a demo request', 'Tune risk levels']);
    const links = w.steps.map((s) => /\]\((command:[^)]+)\)/.exec(s.description)?.[1]);
    assert.deepStrictEqual(links, [
      'command:airlock.installHooks',
      'command:airlock.assessCommand',
      'command:workbench.action.openSettings?%22airlock%22',
    ]);
    for (const s of w.steps) {
      assert.ok(s.media?.markdown, `${s.id} has markdown media`);
      const file = path.join(ext.extensionPath, s.media.markdown);
      assert.ok(fs.existsSync(file), `${s.media.markdown} ships with the extension`);
    }
    const tune = w.steps[2]!;
    assert.match(tune.description + fs.readFileSync(path.join(ext.extensionPath, tune.media!.markdown!), 'utf8'), /\.airlock\/policy\.yaml/);
  });
});
