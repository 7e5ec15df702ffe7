// Which files hold secrets: dotenv files, cloud and registry credentials, private keys, token files.
// Narrower than credentials.ts's `isSecretFile` on purpose: `cat src/tokenizer.ts` or `cat config.json`
// must stay quiet, while `.env.production`, `~/.aws/credentials` and `id_ed25519` must not.

const DOTENV_TEMPLATE = /^\.env\.(example|sample|template|tmpl|dist|defaults|schema|d\.ts|example\..*|sample\..*)$|\.example$|\.sample$|\.template$|\.tmpl$|\.dist$/i;
const DOTENV = /^(\.env(\..+)?|[\w.-]+\.env|\.envrc|\.dev\.vars|\.secrets?|\.flaskenv)$/i;
const PRIVATE_KEY_NAME = /^(id_(rsa|dsa|ecdsa|ed25519|ecdsa_sk|ed25519_sk|xmss)(-cert)?|identity|.*_rsa|.*_ed25519|.*_ecdsa|ssh_host_.*_key)$/i;
const KEY_EXT = /\.(pem|key|p12|pfx|jks|keystore|ppk|p8|der|kdbx|ovpn|age|asc|gpg-key)$/i;
const PUBLIC_KEY_LIKE = /(^|[._-])(pub|public|cert|certs|crt|chain|fullchain|ca|ca-bundle|cacert|root-ca|intermediate)([._-]|$)|\.pub$/i;
const SECRET_WORD = /(^|[._-])(secrets?|credentials?|creds|tokens?|passwords?|passwd|apikeys?|api[-_]keys?|access[-_]tokens?|auth[-_]tokens?|private[-_]keys?|service[-_]account.*|client[-_]secrets?|keyfile|master\.key|htpasswd)([._-]|$)/i;
const DATA_EXT = /(^\.?[^.]*$)|\.(json|ya?ml|toml|txt|env|ini|conf|cfg|properties|xml|plist|csv|dat|db|key|secret|token)$/i;
const CODE_EXT = /\.(ts|tsx|js|jsx|mjs|cjs|py|rb|go|rs|java|kt|swift|c|h|cc|cpp|hpp|cs|php|md|mdx|rst|html|css|scss|vue|svelte|sh|bash|zsh|lock|sum|test\.\w+|spec\.\w+|snap|map|d\.ts)$/i;

/** Paths (relative to home or anywhere) that are credential stores. */
const CREDENTIAL_PATHS: readonly RegExp[] = [
  /(^|\/)\.aws\/(credentials|sso\/cache\/|cli\/cache\/)/,
  /(^|\/)\.config\/gcloud\/(credentials\.db|access_tokens\.db|application_default_credentials\.json|legacy_credentials)/,
  /(^|\/)\.config\/gcloud\/?$/,
  /(^|\/)\.kube\/config$/,
  /(^|\/)kubeconfig([._-][\w.-]*)?$/i,
  /(^|\/)\.docker\/config\.json$/,
  /(^|\/)_?\.?netrc$/,
  /(^|\/)\.npmrc$/,
  /(^|\/)\.pypirc$/,
  /(^|\/)\.git-credentials$/,
  /(^|\/)\.pgpass$/,
  /(^|\/)\.my\.cnf$/,
  /(^|\/)\.mylogin\.cnf$/,
  /(^|\/)\.config\/gh\/hosts\.ya?ml$/,
  /(^|\/)\.config\/hub$/,
  /(^|\/)\.terraform\.d\/credentials\.tfrc\.json$/,
  /(^|\/)\.terraformrc$/,
  /(^|\/)\.azure\/(accessTokens\.json|msal_token_cache|service_principal_entries|azureProfile\.json)/,
  /(^|\/)\.vault-token$/,
  /(^|\/)\.railway\/config\.json$/,
  /(^|\/)\.fly\/config\.ya?ml$/,
  /(^|\/)(\.vercel|com\.vercel\.cli)\/auth\.json$/,
  /(^|\/)\.netlify\/config\.json$/,
  /(^|\/)\.config\/netlify\/config\.json$/,
  /(^|\/)\.supabase\/access-token$/,
  /(^|\/)\.config\/doctl\/config\.ya?ml$/,
  /(^|\/)\.cargo\/credentials(\.toml)?$/,
  /(^|\/)\.gem\/credentials$/,
  /(^|\/)\.composer\/auth\.json$/,
  /(^|\/)auth\.json$/,
  /(^|\/)\.gnupg\/(private-keys-v1\.d|secring\.gpg)/,
  /(^|\/)\.gnupg\/?$/,
  /(^|\/)\.password-store(\/|$)/,
  /(^|\/)\.ssh\/?$/,
  /(^|\/)\.boto$/,
  /(^|\/)\.s3cfg$/,
  /(^|\/)\.htpasswd$/,
  /(^|\/)\.heroku\/credentials$/,
  /(^|\/)\.config\/heroku/,
  /(^|\/)\.ngrok2?\/ngrok\.yml$/,
  /(^|\/)\.config\/ngrok\/ngrok\.yml$/,
  /(^|\/)\.claude\/\.credentials\.json$/,
  /(^|\/)\.codex\/auth\.json$/,
  /(^|\/)\.config\/(op|1Password)\//,
  /(^|\/)\.(bash|zsh|sh|psql|mysql|python|node_repl|rediscli|sqlite)_history$/,
  /(^|\/)\.zhistory$/,
  /(^|\/)\.histfile$/,
  /^\/etc\/(shadow|gshadow|master\.passwd|ssl\/private|ssh\/ssh_host_.*_key$)/,
  /(^|\/)wp-config\.php$/,
  /(^|\/)terraform\.tfstate(\.backup)?$/,
  /(^|\/)\.?credentials(\.json|\.ya?ml|\.toml|\.csv)?$/i,
  /(^|\/)google-application-credentials\.json$/i,
  /(^|\/)\.streamlit\/secrets\.toml$/,
  /(^|\/)config\/master\.key$/,
  /(^|\/)proc\/[^/]+\/environ$/,
];

/** True when reading this file would expose a secret. `path` may be relative or absolute. */
export function isSecretPath(path: string): boolean {
  const p = path.replace(/\/+$/, '');
  const base = p.slice(p.lastIndexOf('/') + 1);
  if (!base || base === '.' || base === '..') return false;
  if (/\.pub$/i.test(base)) return false;
  if (DOTENV.test(base)) return !DOTENV_TEMPLATE.test(base);
  if (CREDENTIAL_PATHS.some((re) => re.test(p))) return true;
  if (PRIVATE_KEY_NAME.test(base)) return true;
  if (/(^|\/)\.ssh\/[^/]+$/.test(p)) return !/^(known_hosts(\.old)?|config|authorized_keys|environment|rc)$/.test(base) && !/\.pub$/.test(base);
  if (KEY_EXT.test(base)) return !PUBLIC_KEY_LIKE.test(base);
  if (SECRET_WORD.test(base) && DATA_EXT.test(base) && !CODE_EXT.test(base) && !/tokeniz|tokens?\.(css|scss)/i.test(base)) {
    return !DOTENV_TEMPLATE.test(base) && !/(^|[._-])(example|sample|template|schema|test|mock|fixture|dummy|fake)([._-]|$)/i.test(base);
  }
  return false;
}

/** Directories whose contents are secrets as a whole (`tar cz ~/.ssh`, `scp -r ~/.aws`). */
export function isSecretDir(path: string): boolean {
  return /(^|\/)(\.ssh|\.aws|\.gnupg|\.kube|\.docker|\.password-store|\.config\/gcloud|\.azure|\.config\/gh)\/?$/.test(path);
}

/** True when a glob pattern (a `find -name` value, `*.pem`) names secret files. */
export function isSecretPattern(pattern: string): boolean {
  const p = pattern.replace(/^['"]|['"]$/g, '');
  if (/^\*?\.?(env|pem|key|p12|pfx|ppk|jks|keystore)\*?$/i.test(p.replace(/^\*\./, '.'))) return !/example|sample/i.test(p);
  if (/^\.env(\.\*|\*)?$/i.test(p)) return true;
  if (/^(id_(rsa|dsa|ecdsa|ed25519)\*?|id_\*|\*_rsa|\*credentials\*?|credentials\*?|\*secret\*|\*token\*|\*\.pem|\*\.key|\.npmrc|\.netrc|\.git-credentials|\.pgpass|kubeconfig\*?|\*\.tfstate)$/i.test(p)) return true;
  return isSecretPath(p);
}

/** Variable names that hold secrets (narrower than the credential detector: no bare `PASS`). */
const SECRET_VAR = /(TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIALS?|AUTH_KEY|_KEY$|^KEY$|DATABASE_URL|_DSN$|CONNECTION_STRING|WEBHOOK_URL|SESSION|COOKIE|_PAT$)/i;
export const isSecretVariableName = (name: string): boolean => SECRET_VAR.test(name) && !/^(PUBLIC_|NEXT_PUBLIC_|VITE_|REACT_APP_)?[A-Z_]*(_PUBLIC_KEY|_KEY_ID|_KEY_PATH|_KEY_FILE|KEYBOARD|KEYMAP)$/i.test(name);
