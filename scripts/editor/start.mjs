// `npm start`: Airlock in a real VS Code, on this machine, in one command.
//   1. builds and packages airlock.vsix (npm run package)
//   2. installs the editor host (code-server + Node 24, pinned) into the cache if it is missing
//   3. starts code-server on 127.0.0.1 (a free port) with temporary user-data/extensions/HOME/XDG folders,
//      installs the .vsix into it, and opens a fresh copy of demo/workspace
//   4. prints the URL; Ctrl-C stops it and removes everything it started and created.
// Options: --no-build (use the existing airlock.vsix), --port N (instead of a free port).
import fs from 'node:fs';
import path from 'node:path';
import {
  StepError,
  ensureEditor,
  exitWithParent,
  installVsix,
  main,
  makeRun,
  npmRun,
  onShutdown,
  repoRoot,
  startCodeServer,
  workbenchUrl,
} from './host.mjs';
import { prepareWorkspace } from './workspace.mjs';

const args = process.argv.slice(2);
const portArg = args.includes('--port') ? Number(args[args.indexOf('--port') + 1]) : undefined;

await main(async () => {
  const vsix = path.join(repoRoot, 'airlock.vsix');
  if (!args.includes('--no-build')) npmRun('package', 'build and package the .vsix', { quiet: true });
  if (!fs.existsSync(vsix)) throw new StepError('build and package the .vsix', 'airlock.vsix is missing');
  if (portArg !== undefined && !(portArg > 0 && portArg < 65536)) throw new StepError('parse arguments', '--port needs a port number');
  const paths = ensureEditor('start');

  const run = makeRun('start');
  let cs;
  let stopping = false;
  const shutdown = onShutdown(() => {
    stopping = true;
    if (cs) console.log('\nstopping the editor…');
    cs?.stop();
    run.cleanup();
  });
  exitWithParent(() => {
    shutdown();
    process.exit(1);
  });
  const workspace = prepareWorkspace(path.join(run.dir, 'workspace'));
  installVsix(paths, run, vsix);
  const installed = fs.readdirSync(run.extensionsDir).find((d) => d.startsWith('airlock-dev.airlock-'));
  cs = await startCodeServer(paths, run, {
    folder: workspace,
    port: portArg,
    // the demo's agent simulator (and any terminal) finds the installed extension's CLI through this
    env: installed ? { AIRLOCK_CLI: path.join(run.extensionsDir, installed, 'dist', 'cli.js') } : {},
  });
  const url = workbenchUrl(cs, workspace);
  console.log(`
Airlock is running in VS Code (code-server) with the demo workspace:

    ${url}

  Try: the shield icon in the activity bar (the Airlock panel), and
       Terminal > Run Task… > "Airlock: simulate agent" (replays real agent requests, incl. PocketOS).
  Workspace copy: ${workspace}   (thrown away on exit)
  Press Ctrl-C to stop.
`);
  const keepAlive = setInterval(() => {}, 1 << 30); // code-server is unref'd: keep this process waiting
  const code = await cs.exited;
  clearInterval(keepAlive);
  if (stopping) return 0;
  const tail = fs.existsSync(cs.log) ? fs.readFileSync(cs.log, 'utf8').trim().split('\n').slice(-1)[0] : '';
  shutdown();
  throw new StepError('run code-server', `code-server exited unexpectedly (${code}): ${tail}`);
});
