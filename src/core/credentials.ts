// Which credential a command would use: environment variables, token files read through `$(cat …)`,
// Authorization headers and inline tokens. Only names and redacted forms are ever recorded.
import type { Credential } from './model.js';
import { looksLikeSecret, redact } from './redact.js';
import type { SimpleCommand } from './shell/command.js';

const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|PASS|API_?KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIAL|AUTH|_KEY$|^KEY$|DATABASE_URL|DSN|CONN(ECTION)?_STR)/i;
const VAR_REF = /\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g;
const FILE_READ = /\$\(\s*(?:cat|head|tail|<|jq\s+-r\s+\S+)\s+([^)\s]+)[^)]*\)|`\s*cat\s+([^`\s]+)\s*`/g;
const SECRET_FILE = /(^|\/)(\.env(\.[\w-]+)?|\.netrc|\.npmrc|\.pypirc|credentials(\.json)?|\.git-credentials|id_(rsa|ed25519|ecdsa|dsa)|.*\.pem|.*\.key|.*token.*|.*secret.*|\.pgpass|\.my\.cnf|kubeconfig|config\.json|\.dockercfg|service[-_]account.*\.json)$/i;
const AUTH_HEADER = /^(authorization|x-api-key|api-key|x-auth-token|private-token|x-railway-token|cookie)\s*:/i;
const TOKEN_OPTION = /^--?(token|password|passwd|api-key|apikey|access-token|auth-token|secret|client-secret|key)(=|$)/i;

export function isSecretFile(path: string): boolean {
  return SECRET_FILE.test(path.replace(/\/+$/, ''));
}

export function isSecretVariable(name: string): boolean {
  return SECRET_NAME.test(name);
}

export function credentialsIn(cmd: SimpleCommand): Credential[] {
  const found = new Map<string, Credential>();
  const add = (c: Credential) => found.set(`${c.kind}:${c.name}`, c);
  const texts = [cmd.source, ...cmd.args.map((a) => a.text)];
  for (const text of texts) {
    for (const m of text.matchAll(VAR_REF)) if (isSecretVariable(m[1]!)) add({ kind: 'env', name: m[1]! });
    for (const m of text.matchAll(FILE_READ)) {
      const file = (m[1] ?? m[2])!.replace(/^["']|["']$/g, '');
      add({ kind: 'file', name: file });
    }
  }
  for (const a of cmd.assignments) {
    if (isSecretVariable(a.name)) add({ kind: a.value.literal && a.value.text ? 'inline' : 'env', name: a.name });
  }
  const args = cmd.args.map((a) => a.text);
  args.forEach((a, i) => {
    const header = /^(-H|--header)$/.test(args[i - 1] ?? '') ? a : a.startsWith('-H') && a.length > 2 ? a.slice(2) : undefined;
    if (header && AUTH_HEADER.test(header)) {
      add({ kind: 'header', name: redact(header.replace(/\$\(.*\)/, '$(…)')) });
    }
    if (TOKEN_OPTION.test(a)) add({ kind: 'argument', name: a.split('=')[0]! });
    if (looksLikeSecret(a) && !header) add({ kind: 'inline', name: redact(a) });
  });
  return [...found.values()];
}
