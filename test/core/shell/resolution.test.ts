// What really runs: variables, arrays, positional parameters, functions and aliases defined on the same line,
// and substitutions whose output is fixed, are resolved before the rules judge the command.
import { runCases } from '../rules/cases.js';

runCases('resolution of what runs', [
  // Variables, with field splitting of unquoted expansions.
  { command: 'T=~; rm -rf $T', risk: 'critical', rules: ['filesystem.rm'], tags: ['home-directory'] },
  { command: 'F="-rf /"; rm $F', risk: 'critical', rules: ['filesystem.rm'] },
  { command: 'X=rm; $X -rf ~/', risk: 'critical', tags: ['home-directory'] },
  { command: 'IFS=,; CMD="rm,-rf,/home/dev"; $CMD', risk: 'critical' },
  // Arrays and `set --`.
  { command: 'a=(rm -rf ~); "${a[@]}"', risk: 'critical', tags: ['home-directory'] },
  { command: 'set -- rm -rf ~; "$@"', risk: 'critical', tags: ['home-directory'] },
  // Functions and aliases defined on the line run their bodies.
  { command: 'tidy() { rm -rf ~/; }; tidy', risk: 'critical', tags: ['home-directory'] },
  { command: 'function wipe { git push --force origin main; }; wipe', risk: 'critical', rules: ['git.force-push'] },
  { command: "alias ll='rm -rf ~'; ll", risk: 'critical' },
  // Substitutions whose output is fixed.
  { command: 'rm -rf $(echo ~)', risk: 'critical', tags: ['home-directory'] },
  { command: '$(printf rm) -rf /home/dev', risk: 'critical' },
  { command: 'echo cm0gLXJmIH4= | base64 -d | sh', risk: 'critical' },
  { command: `bash -c "$(echo 'kubectl delete ns prod --context prod')"`, risk: 'critical' },
  // A temporary directory made on the line is this run's own: a delete, not a sweep of /tmp.
  { command: 'd=$(mktemp -d); rm -rf "$d"', risk: 'medium', rules: ['filesystem.rm'] },
  // The same shapes with harmless payloads stay harmless.
  { command: 'T=dist; rm -rf $T', risk: 'medium' },
  { command: 'greet() { echo hi; }; greet', risk: 'low' },
  // A name hidden in an array is still obfuscation, even when it resolves to a read.
  { command: 'a=(ls -la); "${a[@]}"', risk: 'medium', rules: ['execution.indirect-name'] },
  // `${NAME:-default}`: an unset name takes the default; an empty default collapses the path.
  { command: 'rm -rf "${OUT_DIR:-dist}"', risk: 'medium' },
  { command: 'rm -rf "${BUILD_ROOT:-}"/*', risk: 'critical', tags: ['root-filesystem'] },
  { command: 'rm -rf "${OUT_DIR:-dist}"', risk: 'critical', context: { env: { OUT_DIR: '/home/dev' } } },
  // Remote-run front ends: the string they send is judged as a command on that machine.
  { command: "salt -G 'role:db' cmd.run 'rm -rf /var/lib/postgresql/16/main'", risk: 'critical' },
  { command: 'fly ssh console -a api-prod -C "printenv"', risk: 'critical', tags: ['secret-exposure'] },
  { command: "gcloud compute ssh web-1 --command 'ls /var/log'", risk: 'low' },
  // A root shell that reads its script from standard input runs that script as root.
  { command: "echo 'chmod -R 777 /usr/local /etc/nginx' | sudo -s", risk: 'critical' },
  // A trap's body runs later with the variables known when it was set.
  { command: `tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT; tar -xzf release.tgz -C "$tmp"`, risk: 'medium' },
  { command: `d=/; trap 'rm -rf $d' EXIT`, risk: 'critical', tags: ['root-filesystem'] },
]);
