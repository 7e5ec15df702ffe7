// Commands no rule models: the generic analysis reads the verb, the place and the payload from the words,
// and never calls a program it knows nothing about "low" unless its words say it only reads.
import { runCases } from '../rules/cases.js';

runCases('generic analysis of unknown programs', [
  // Destroying verbs, judged by the place the words name.
  { command: 'doppler secrets delete STRIPE_KEY --project api --config prd', risk: 'critical', rules: ['generic.destroy'], tags: ['production'] },
  { command: 'op item delete "Prod DB" --vault Production', risk: 'critical', rules: ['generic.destroy'] },
  { command: 'vault lease revoke -prefix database/creds/prod', risk: 'critical', rules: ['generic*'] },
  { command: 'acmectl cluster destroy payments-prod --yes', risk: 'critical', rules: ['generic.destroy'], tags: ['production', 'confirmation-bypass'] },
  { command: 'acmectl cluster destroy payments-staging', risk: 'high+', rules: ['generic.destroy'] },
  { command: 'acmectl purge-queue orders', risk: 'high+', rules: ['generic.destroy'] },
  // Backups are critical wherever they are.
  { command: 'acmectl snapshot delete nightly-2026-11-30', risk: 'critical', tags: ['backup'] },
  { command: 'acmectl config', risk: 'low' },
  { command: 'acmectl db update orders --backup-retention 0', risk: 'critical', tags: ['backup'] },
  // Secret values printed into the transcript; names only are a read.
  { command: 'acmectl secrets reveal DATABASE_URL', risk: 'critical', tags: ['secret-exposure'] },
  { command: 'acmectl secrets list', risk: 'low' },
  // Reads, by their verb or a reading flag.
  { command: 'acmectl clusters list --output json', risk: 'low', rules: ['generic.read'] },
  { command: 'acmectl describe deployment web', risk: 'low', rules: ['generic.read'] },
  { command: 'acmectl --list', risk: 'low' },
  // A change to a named production or shared place is high; a local change medium.
  { command: 'acmectl deploy api --env production', risk: 'high+', tags: ['production'] },
  { command: 'acmectl config set region eu-west-1', risk: 'medium+' },
  // Nothing on the line says what it does: not low.
  { command: 'acmectl frobnicate', risk: 'medium+' },
  { command: 'zzq', risk: 'medium+' },
  { command: 'acmectl sync orders-prod', risk: 'high+' },
  // A SQL payload decides what the program does.
  { command: `acmesql --query "DROP TABLE users" --db prod-main`, risk: 'critical' },
  { command: `acmesql --query "SELECT count(*) FROM users" --db prod-main`, risk: 'low' },
  // Help and dry runs show text only.
  { command: 'acmectl cluster destroy payments-prod --help', risk: 'low' },
  { command: 'acmectl cluster destroy payments-prod --dry-run', risk: 'low' },
  { command: 'acmectl help cluster destroy', risk: 'low' },
  // Asking whether something is allowed is a read, whatever verb is asked about.
  { command: 'kubectl auth can-i delete pvc -n production', risk: 'low' },
  { command: 'aws iam simulate-principal-policy --policy-source-arn arn:aws:iam::1:user/ci --action-names s3:DeleteBucket', risk: 'low' },
  // Read-only subcommands of programs that also write.
  { command: 'git -C services/api status', risk: 'low' },
  { command: 'docker ps -a', risk: 'low' },
  { command: 'helm history api --kube-context prod-eu', risk: 'low' },
]);
