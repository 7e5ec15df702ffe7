// Secrets never leave the core unredacted: every string that is displayed, logged or written
// goes through `redact` first. Patterns favour over-redaction; a redacted non-secret costs little.

export const REDACTED = '‹redacted›';

const TOKEN_PATTERNS: readonly RegExp[] = [
  /\b(gh[pousr]_[A-Za-z0-9]{20,})\b/g, // GitHub tokens
  /\b(github_pat_[A-Za-z0-9_]{20,})\b/g,
  /\b(glpat-[A-Za-z0-9_-]{16,})\b/g, // GitLab
  /\b(xox[abposr]-[A-Za-z0-9-]{10,})\b/g, // Slack
  /\b(sk-(?:proj-|ant-|live_|test_)?[A-Za-z0-9_-]{16,})\b/g, // OpenAI, Anthropic, Stripe-like
  /\b([rsp]k_(?:live|test)_[A-Za-z0-9]{16,})\b/g, // Stripe
  /\b((?:AKIA|ASIA)[A-Z0-9]{16})\b/g, // AWS access key ids
  /\b(npm_[A-Za-z0-9]{30,})\b/g,
  /\b(pypi-[A-Za-z0-9_-]{30,})\b/g,
  /\b(AIza[0-9A-Za-z_-]{35})\b/g, // Google API keys
  /\b(eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,})\b/g, // JWTs
  /\b(hf_[A-Za-z0-9]{30,})\b/g,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
];

/** `Bearer xyz`, `token=xyz`, `--password xyz`, `user:pass@host`, `-pSECRET` for mysql. */
const CONTEXT_PATTERNS: readonly [RegExp, string][] = [
  [/(?<![-_.\w])(Bearer|Basic)\s+(?!‹)([A-Za-z0-9._~+/=-]{6,})/gi, `$1 ${REDACTED}`],
  // After "token"/"bot" a credential has a digit or is long; "token and" in prose is neither.
  [/(?<![-_.\w])(Token|Bot)\s+(?!‹)(?=[A-Za-z0-9._~+/=-]*\d|[A-Za-z0-9._~+/=-]{20})([A-Za-z0-9._~+/=-]{6,})/gi, `$1 ${REDACTED}`],
  [/((?:authorization|x-api-key|api-key|apikey|x-auth-token|private-token|cookie)\s*:\s*)(?![^"'\s]*\$)(?!Bearer|Basic|Token|‹)([^"'\s]{6,})/gi, `$1${REDACTED}`],
  [/\b((?:[A-Z0-9_]*(?:TOKEN|SECRET|PASSWORD|PASSWD|PASS|API_?KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS?|AUTH))=)(?!\$)([^\s"']+)/g, `$1${REDACTED}`],
  [/((?<=^|[\s"'])(?:--?(?:token|password|passwd|secret|api-key|apikey|access-token|auth-token|client-secret))(?:=|\s+))(?!\$)(?!-)([^\s"']+)/gi, `$1${REDACTED}`],
  [/([?&](?:token|access_token|api_key|apikey|key|secret|password|sig|signature)=)([^&\s"'#]+)/gi, `$1${REDACTED}`],
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s"']+:)([^@\s"'/]{1,})(@)/gi, `$1${REDACTED}$3`],
  [/(\s-u\s*['"]?[^:\s'"]+:)([^\s'"]+)/g, `$1${REDACTED}`],
  [/(\b(?:mysql|mariadb|mysqladmin|mysqldump)\b[^|;&\n]*?\s-p)(?!\s)([^\s"']+)/g, `$1${REDACTED}`],
  [/(PGPASSWORD=|MYSQL_PWD=)([^\s"']+)/g, `$1${REDACTED}`],
];

export function redact(text: string): string {
  let out = text;
  for (const re of TOKEN_PATTERNS) out = out.replace(re, REDACTED);
  for (const [re, replacement] of CONTEXT_PATTERNS) out = out.replace(re, replacement);
  return out;
}

/** Deep-redacts every string in a JSON-like value (for audit records and protocol messages). */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v);
    return out as T;
  }
  return value;
}

/** True when the string looks like a literal secret (used to tag inline credentials). */
export function looksLikeSecret(text: string): boolean {
  return redact(text) !== text;
}
