import type { Language } from './code-scan.js';

// The one catalogue of programs the engine knows by kind: shells (unwrapped wherever they appear), programs
// known to be read-only whatever their arguments, and local toolchains whose own "remove" only touches
// state they can recreate. The walker, the unwrapper, the rules, the generic analysis, the terminal guard
// and the hook adapters all read these lists from here.

/**
 * Shells and shell-like command runners, with the option that hands them a command string. Every one is
 * unwrapped: `env yash -c 'rm -rf /'` is `rm -rf /`.
 */
export const SHELL_COMMAND_OPTION: Readonly<Record<string, RegExp>> = {
  sh: /^-[a-zA-Z]*c[a-zA-Z]*$/, bash: /^-[a-zA-Z]*c[a-zA-Z]*$/, rbash: /^-[a-zA-Z]*c[a-zA-Z]*$/, zsh: /^-[a-zA-Z]*c[a-zA-Z]*$/,
  dash: /^-[a-zA-Z]*c[a-zA-Z]*$/, ash: /^-[a-zA-Z]*c[a-zA-Z]*$/, ksh: /^-[a-zA-Z]*c[a-zA-Z]*$/, ksh93: /^-[a-zA-Z]*c[a-zA-Z]*$/,
  mksh: /^-[a-zA-Z]*c[a-zA-Z]*$/, pdksh: /^-[a-zA-Z]*c[a-zA-Z]*$/, oksh: /^-[a-zA-Z]*c[a-zA-Z]*$/, loksh: /^-[a-zA-Z]*c[a-zA-Z]*$/,
  yash: /^-[a-zA-Z]*c[a-zA-Z]*$/, posh: /^-[a-zA-Z]*c[a-zA-Z]*$/, hush: /^-[a-zA-Z]*c[a-zA-Z]*$/, bosh: /^-[a-zA-Z]*c[a-zA-Z]*$/,
  osh: /^-[a-zA-Z]*c[a-zA-Z]*$/, ysh: /^-[a-zA-Z]*c[a-zA-Z]*$/, oil: /^-[a-zA-Z]*c[a-zA-Z]*$/, fish: /^(-[a-zA-Z]*c[a-zA-Z]*|--command(=.*)?)$/,
  csh: /^-[a-zA-Z]*c[a-zA-Z]*$/, tcsh: /^-[a-zA-Z]*c[a-zA-Z]*$/, rc: /^-[a-zA-Z]*c[a-zA-Z]*$/, es: /^-[a-zA-Z]*c[a-zA-Z]*$/,
  nu: /^(-c|--commands(=.*)?)$/, nushell: /^(-c|--commands(=.*)?)$/, xonsh: /^-c$/, elvish: /^-c$/, ion: /^-c$/,
  murex: /^-c$/, pwsh: /^-(c|command|Command|cwa|CommandWithArgs)$/i, powershell: /^-(c|command|Command)$/i,
  'pwsh.exe': /^-(c|command)$/i, 'powershell.exe': /^-(c|command)$/i, cmd: /^\/[cCkK]$/, 'cmd.exe': /^\/[cCkK]$/,
};
export const SHELLS: ReadonlySet<string> = new Set(Object.keys(SHELL_COMMAND_OPTION));
export const isShell = (program: string): boolean => SHELLS.has(program);
/** POSIX-style shells whose `-c` string, stdin and script arguments bash's grammar can read. */
export const POSIX_SHELLS: ReadonlySet<string> = new Set([...SHELLS].filter((s) => !/^(nu|nushell|xonsh|elvish|ion|murex|pwsh|powershell|cmd)/.test(s) && !s.endsWith('.exe')));

/** Interpreters whose inline code (`-c`, `-e`, heredocs) and script files are scanned as code. */
export const INTERPRETERS: Record<string, Language> = {
  python: 'python', python2: 'python', python3: 'python', pypy: 'python', pypy3: 'python', 'python3.8': 'python', 'python3.9': 'python',
  'python3.10': 'python', 'python3.11': 'python', 'python3.12': 'python', 'python3.13': 'python', 'python3.14': 'python', py: 'python',
  node: 'node', nodejs: 'node', bun: 'node', deno: 'node', tsx: 'node', 'ts-node': 'node',
  perl: 'perl', ruby: 'ruby', php: 'php',
  // PowerShell (pwsh -Command, -EncodedCommand, iex) is the windows family's.
};

/** Programs that only read or print, whatever their arguments (their secret-printing forms have rules). */
export const KNOWN_BENIGN: ReadonlySet<string> = new Set([
  // shell builtins and keywords that change nothing outside the shell
  'cd', 'pushd', 'popd', 'dirs', 'pwd', 'true', 'false', ':', 'test', '[', '[[', 'echo', 'printf', 'print', 'read',
  'local', 'declare', 'typeset', 'export', 'readonly', 'unset', 'shift', 'return', 'exit', 'wait', 'jobs', 'fg',
  'bg', 'type', 'hash', 'ulimit', 'umask', 'let', 'shopt', 'getopts', 'set', 'times', 'help', 'history', 'disown',
  'break', 'continue', 'fc', 'sleep', 'usleep', 'clear', 'tput', 'stty', 'tty', 'logname', 'alias', 'unalias',
  // makes an empty file or folder of its own under the temporary directory
  'mktemp',
  // reading files and text
  'ls', 'll', 'la', 'dir', 'vdir', 'tree', 'exa', 'eza', 'lsd', 'cat', 'tac', 'bat', 'batcat', 'less', 'more', 'most',
  'head', 'tail', 'grep', 'egrep', 'fgrep', 'rg', 'ag', 'ack', 'git-grep', 'wc', 'sort', 'uniq', 'cut', 'paste', 'join',
  'comm', 'tr', 'fold', 'fmt', 'nl', 'column', 'expand', 'unexpand', 'rev', 'od', 'hexdump', 'xxd', 'strings',
  'diff', 'diff3', 'cmp', 'colordiff', 'delta', 'difft', 'file', 'stat', 'du', 'df', 'dust', 'duf', 'ncdu', 'realpath',
  'readlink', 'basename', 'dirname', 'pathchk', 'md5sum', 'sha1sum', 'sha256sum', 'sha512sum', 'b2sum', 'cksum',
  'shasum', 'jq', 'yq', 'gron', 'fx', 'jless', 'xmllint', 'csvlook', 'mlr', 'seq', 'numfmt', 'factor',
  'fd', 'fdfind', 'locate', 'mlocate', 'plocate', 'which', 'whereis', 'apropos', 'whatis', 'man', 'info',
  'tldr', 'look', 'iconv', 'write-host', 'write-output', 'base32', 'base64', 'basenc', 'lsattr', 'getfacl', 'namei', 'tokei', 'cloc', 'scc', 'ctags',
  // the machine, processes and network, read-only
  'whoami', 'id', 'groups', 'who', 'w', 'users', 'last', 'uname', 'hostname', 'uptime', 'date',
  'cal', 'arch', 'nproc', 'free', 'vmstat', 'iostat', 'mpstat', 'sar', 'ps', 'pstree', 'pgrep', 'pidof', 'top', 'htop',
  'btop', 'atop', 'lsof', 'lscpu', 'lsblk', 'lsusb', 'lspci', 'lsmod', 'blkid', 'findmnt', 
  'dmesg', 'journalctl', 'netstat', 'ss', 'ping', 'ping6', 'traceroute', 'tracepath', 'mtr',
  'host', 'whois', 'getent', 'locale', 'timedatectl', 'glxinfo',
  'nvidia-smi', 'sensors',
  // version managers' and build tools' read-only programs
  'tsc', 'eslint', 'stylelint', 'biome', 'oxlint', 'jest', 'vitest', 'mocha', 'ava', 'tap', 'jasmine',
  'karma', 'pytest', 'py.test', 'tox', 'nox', 'mypy', 'pyright', 'pylint', 'flake8',
  'bandit', 'shellcheck', 'hadolint', 'actionlint', 'yamllint', 'markdownlint',
  'golangci-lint', 'staticcheck', 'rubocop', 'standardrb', 'phpstan',
  'psalm', 'phpcs', 'phpunit', 'rspec', 'minitest', 'ctest', 'gcc', 'g++', 'cc', 'c++', 'clang', 'clang++', 'javac',
  'kotlinc', 'scalac', 'swiftc', 'rustc', 'esbuild', 'rollup', 'webpack', 'vite', 'parcel', 'swc', 'babel', 'semgrep', 'trivy', 'grype', 'syft', 'gitleaks', 'trufflehog', 'osv-scanner', 'codespell',
  'typos', 'vale', 'cspell', 'hyperfine', 
]);

/** Options that make an otherwise read-only tool write (`eslint --fix`, `sort -o`, `sed -i`): not benign then. */
/**
 * Read-only subcommands of programs that also write: `git status`, `docker ps`, `kubectl auth can-i`. One or two
 * words, matched against the command's first positional words (global options skipped by CommandView).
 */
export const BENIGN_SUBCOMMANDS: Readonly<Record<string, ReadonlySet<string>>> = {
  git: new Set(['status', 'log', 'diff', 'show', 'blame', 'shortlog', 'describe', 'rev-parse', 'ls-files', 'ls-tree', 'ls-remote', 'cat-file', 'grep', 'whatchanged', 'version', 'help', 'count-objects', 'merge-base', 'rev-list', 'name-rev', 'check-ignore', 'var']),
  docker: new Set(['ps', 'images', 'logs', 'inspect', 'version', 'info', 'stats', 'top', 'port', 'diff', 'history', 'search', 'image ls', 'container ls', 'volume ls', 'network ls', 'volume inspect', 'network inspect', 'compose ps', 'compose logs', 'compose config', 'context ls', 'system df']),
  podman: new Set(['ps', 'images', 'logs', 'inspect', 'version', 'info', 'stats', 'top', 'port', 'diff', 'history', 'search']),
  kubectl: new Set(['auth can-i', 'auth whoami', 'version', 'api-resources', 'api-versions', 'explain', 'cluster-info', 'top', 'config view', 'config current-context', 'config get-contexts']),
  helm: new Set(['list', 'ls', 'status', 'history', 'template', 'lint', 'version', 'show', 'search', 'dependency list', 'get values', 'get manifest', 'get notes']),
  terraform: new Set(['plan', 'validate', 'version', 'providers', 'graph', 'state list', 'state show', 'workspace list', 'workspace show']),
  tofu: new Set(['plan', 'validate', 'version', 'providers', 'graph', 'state list', 'state show', 'workspace list', 'workspace show']),
  cargo: new Set(['build', 'check', 'test', 'clippy', 'doc', 'tree', 'metadata', 'bench', 'search', 'version']),
  go: new Set(['build', 'test', 'vet', 'version', 'env', 'list', 'doc']),
  pip: new Set(['list', 'show', 'freeze', 'check', 'search', 'index versions']),
};

/** True when the command is one of its program's read-only subcommands. */
export function isBenignSubcommand(program: string, positionals: readonly string[]): boolean {
  const subs = BENIGN_SUBCOMMANDS[program];
  if (!subs || !positionals.length) return false;
  return subs.has(positionals[0]!) || (positionals.length > 1 && subs.has(`${positionals[0]} ${positionals[1]}`));
}

export const WRITE_OPTION = /^(--fix|--write|--in-place|--inplace|--apply|--output(=.*)?|--update-snapshots)$/;

/**
 * Package managers and toolchains: their own `remove`, `uninstall`, `clean` and `prune` touch only what they
 * installed on this machine and can install again (their registry-side commands have rules).
 */
export const LOCAL_TOOLCHAINS: ReadonlySet<string> = new Set([
  'npm', 'pnpm', 'yarn', 'bun', 'npx', 'pnpx', 'bunx', 'corepack', 'pip', 'pip3', 'pipx', 'uv', 'poetry', 'pdm',
  'hatch', 'conda', 'mamba', 'micromamba', 'cargo', 'rustup', 'go', 'gem', 'bundle', 'bundler', 'composer', 'brew',
  'port', 'nix-env', 'nvm', 'fnm', 'volta', 'asdf', 'mise', 'rtx', 'pyenv', 'rbenv', 'nodenv', 'sdk', 'dotnet',
  'nuget', 'flutter', 'dart', 'pub', 'mix', 'rebar3', 'cabal', 'stack', 'opam', 'gradle', 'gradlew', 'mvn', 'mvnw',
  'sbt', 'lein', 'clojure', 'deno', 'swift', 'pod', 'carthage', 'vcpkg', 'conan', 'cmake', 'meson', 'ninja', 'bazel',
  'bazelisk', 'buck2', 'pants', 'turbo', 'nx', 'lerna', 'rush', 'changeset', 'pre-commit', 'husky', 'direnv',
  'code', 'cursor', 'vim', 'nvim', 'emacs', 'nano', 'helix', 'hx', 'git-lfs',
]);

/** Scaffolders and everyday tools that `npx -y` fetches by name; anything else is a stranger's code. */
export const FAMILIAR_NPX_PACKAGE = /^(create-[\w.-]+|@[\w.-]+\/create-[\w.-]+|typescript|tsc|tsx|ts-node|prettier|eslint|vite|vitest|jest|playwright|@playwright\/test|serve|http-server|nodemon|rimraf|npm-check-updates|ncu|degit|@angular\/cli|@vue\/cli|nx|turbo|lerna|prisma|wrangler|vercel|netlify-cli|firebase-tools|@railway\/cli|supabase|cdk|aws-cdk|pnpm|yarn|corepack|node-gyp|license-checker|depcheck|knip|madge|tailwindcss|storybook|sb|shadcn|shadcn-ui|drizzle-kit|sequelize-cli|typeorm|@nestjs\/cli|expo|react-native|@biomejs\/biome|biome|oxlint|husky|lint-staged|semantic-release|changeset|@changesets\/cli|np|release-it|verdaccio|json-server|localtunnel|tsup|esbuild|rollup|webpack|webpack-cli|parcel|sass|less|postcss|postcss-cli|cowsay)$/;

/** Secret stores and managers: what their reading verbs print are secret values (their listing verbs, names). */
export const SECRET_STORES: ReadonlySet<string> = new Set(['infisical', 'sops', 'chamber', 'teller', 'berglas', 'bw', 'lpass', 'keeper', 'akeyless', 'conjur', 'aws-vault', 'envkey', 'dotenv-vault']);
