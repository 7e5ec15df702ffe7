// Which words make a terminal line worth a round trip to the gate. The shell guards
// (src/shell/guard.*) ask the gate only about lines that contain one of these words, an alias or a
// function, or characters that could hide one; every other line runs with no IPC. A word is also
// checked by its parts (`db:reset`, `delete-table`), so the generic analysis's verbs are seen there too. The set is
// every program a rule looks at, every wrapper the unwrapper looks through, and the programs
// behind the rules that look at any command. The guards also ask about `.` (source) in command
// position, PowerShell Verb-Noun words and *.exe/.cmd/.bat/.com names. test/node/guard-prefilter.test.ts proves, over the
// corpus, that no line the guard lets through unasked is riskier than low.
import { FAMILIES } from '../rules/catalogue.js';
import { windowsPrograms } from '../rules/windows.js';
import { unwrappingPrograms } from '../shell/unwrap.js';
import { RISKY_VERBS } from '../generic/vocabulary.js';
import { SHELLS } from '../programs.js';

/** Programs the `'any'` rules react to, and interpreters and builtins that run other code. */
const EXTRA = [
  // filesystem.write, disks.*, privilege.system-write: writers and copiers
  'tee', 'cp', 'mv', 'ln', 'install', 'dd', 'sed', 'gsed', 'awk', 'gawk', 'truncate', 'touch', 'patch', 'ed', 'ex', 'vi', 'vim', 'nvim', 'nano', 'emacs',
  'mkfs', 'mke2fs', 'mkswap', 'newfs', 'wipefs', 'sfdisk', 'fdisk', 'parted', 'blkdiscard', 'crontab', 'visudo', 'systemctl', 'launchctl',
  // execution.opaque, airlock.guard-off: builtins that run or change code and the guard's hooks
  'eval', 'source', 'exec', 'command', 'builtin', 'trap', 'shopt', 'set', 'unset', 'export', 'declare', 'typeset', 'local', 'readonly', 'alias', 'unalias',
  'bind', 'enable', 'hash', 'setopt', 'unsetopt', 'functions', 'unfunction', 'add-zsh-hook', 'zle', 'autoload', 'emulate', 'fc', 'r', 'history', 'let',
  'kill', 'pkill', 'killall', 'code', 'code-insiders', 'codium', 'cursor', 'windsurf', 'code-oss', 'vscodium',
  // interpreters and runners whose code is not on the line
  'python', 'python2', 'python3', 'node', 'nodejs', 'deno', 'bun', 'perl', 'ruby', 'php', 'lua', 'osascript', 'pwsh', 'powershell', 'Rscript', 'jshell', 'groovy', 'tclsh',
  'npx', 'pnpx', 'bunx', 'uvx', 'pipx', 'make', 'just', 'task', 'rake', 'cmd', 'cmd.exe', 'powershell.exe', 'pwsh.exe', 'wsl', 'wsl.exe',
];

const SHELL_WORD = /^[A-Za-z0-9._+-]+$/;
const POSIX_TOO = new Set(['ls', 'dir', 'type']);

/** The watched words, sorted; each is a plain word that a shell can use as an array key unquoted. */
export function watchedWords(): string[] {
  // Verbs that make an unknown program risky (the generic analysis), and every shell in the catalogue.
  const words = new Set<string>([...EXTRA, ...RISKY_VERBS, ...SHELLS]);
  for (const p of unwrappingPrograms()) words.add(p);
  // Windows names that are everyday POSIX commands too: the Windows rule needs Windows-style
  // arguments (backslashes, /switches, %VARS%, $env:), which the guards' character check catches.
  for (const p of windowsPrograms()) if (!POSIX_TOO.has(p)) words.add(p);
  for (const rules of Object.values(FAMILIES)) {
    for (const r of rules) if (r.programs !== 'any') for (const p of r.programs) words.add(p);
  }
  // The guards compare each word in lower case (PowerShell and Windows names are case-insensitive).
  // `.` is matched by position instead: as a word it is also every "current directory" argument.
  return [...new Set([...words].map((w) => w.toLowerCase()))].filter((w) => w !== '.' && SHELL_WORD.test(w)).sort();
}
