// Tags that follow from what a step is, whichever rule judged it: the panel, the audit file and the scorers
// read *why* from tags, so a bucket purge says `recursive-delete` and a forced RDS change says `database`
// even when the rule that fired was a generic one. Only for steps that change something (medium and up).
import { FORCE_FLAG, splitWords } from './generic/vocabulary.js';
import { riskRank, type Step, type Tag } from './model.js';
import type { CommandView } from './rules/rule.js';
import { placeOf } from './generic/place.js';

/** Database words in the program or its subcommand and option names (not in free text such as messages). */
const DATABASE_WORD = /^(rds|db|dbs|database|databases|dynamodb|sql|psql|mysql|mariadb|postgres|postgresql|pg|mongo|mongosh|mongodb|redis|valkey|table|tables|schema|aurora|cosmosdb|spanner|firestore|bigquery|clickhouse|d1|neon|pscale|planetscale|supabase|turso|cqlsh|cassandra|sqlite3?|prisma|migrate|migration|migrations|keyspace|collection|index)$/i;
const RECURSIVE = /^(-[a-zA-Z]*[rR][a-zA-Z]*|--recursive|--recurse|-Recurse)$/;
const WIDE = /^(--all|-a|--prefix|-prefix|--glob|--glob-archives|--include|--everything)(=.*)?$/;
const PURGING = /^(purge|rb|rmtree|empty|wipe|nuke|flush|flushall|flushdb|truncate)$/;
const SYSTEM_PATH = /^\/(etc|opt|usr|var|srv|boot|bin|sbin|lib|lib64|root)(\/|$)/;

export function derivedTags(step: Step, view: CommandView): Tag[] {
  const rank = riskRank(step.risk);
  if (rank < riskRank('medium')) return [];
  const out: Tag[] = [];
  const options = view.args.filter((a) => a.startsWith('-'));
  const words = [view.program, ...view.positionals().slice(0, 3), ...options.map((o) => o.replace(/^-+/, '').replace(/=.*$/, ''))]
    .filter((w) => !/\s/.test(w)).flatMap((w) => [w, ...splitWords(w)]);
  const deletes = step.effect === 'delete';
  if (words.some((w) => DATABASE_WORD.test(w)) && step.effect !== 'read') out.push('database');
  if (rank >= riskRank('high')) {
    if (options.some((o) => FORCE_FLAG.test(o)) || (deletes && options.some((o) => /^-[a-zA-Z]*f[a-zA-Z]*$/.test(o)))) out.push('confirmation-bypass');
    if (deletes) out.push('data-loss');
  }
  if (deletes && (view.args.some((a) => !a.startsWith('-') && /[*?]/.test(a)) || options.some((o) => WIDE.test(o)))) out.push('wildcard');
  if (deletes && (options.some((o) => RECURSIVE.test(o)) || words.some((w) => PURGING.test(w)))) out.push('recursive-delete');
  if (rank >= riskRank('high') && step.effect !== 'read' && step.targets.some((t) => t.kind === 'path' && SYSTEM_PATH.test(t.name))) out.push('root-filesystem');
  // `cat ~/.aws/credentials`, `socat FILE:$HOME/.ssh/id_ed25519 …`: the home directory's dotfiles.
  if (rank >= riskRank('high') && [...view.args, ...step.targets.map((t) => t.name), ...step.credentials.map((c) => c.name)].some((a) => homeDotfile(a, view.ctx.home))) out.push('home-directory');
  // A named production place (`-n production`, `--live`, `--profile prod`) is production even for a read.
  if (rank >= riskRank('high') && (placeOf(view) === 'production' || view.args.includes('--live'))) out.push('production');
  return out;
}

function homeDotfile(arg: string, home: string): boolean {
  const m = /(?:^|[=:\s])(?:~|\$HOME|\$\{HOME\}|(HOME_PATH))\/\./.exec(arg.replace(home, 'HOME_PATH'));
  return !!m;
}

/** Tags implied by other tags: home and the root file system are outside the workspace. */
export function impliedTags(tags: ReadonlySet<Tag>): Tag[] {
  return tags.has('home-directory') || tags.has('root-filesystem') ? ['outside-workspace'] : [];
}
