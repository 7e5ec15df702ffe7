// Rule family: database — SQL and NoSQL clients fed destructive statements (from options,
// heredocs, pipes or files), admin tools (dropdb, mysqladmin drop, pg_restore --clean), and the
// resets of ORMs and frameworks (prisma, rails, django, supabase, knex, artisan…).
// Remote targets carry `remote` so the engine escalates unverified and production databases.
import { classifyEnvironment } from '../environment.js';
import { expandRef, isLocalHost, remoteImpact, subView, toolOf, urlDatabase, urlHost } from '../invocation.js';
import { normaliseProgram } from '../shell/walker.js';
import type { Finding, Reversibility, Risk, Tag, Target } from '../model.js';
import { classifyMongo, classifyRedis, classifySql, DESTROYS_DATA, redisLines, SQL_SEVERITY, type SqlStatement } from '../sql.js';
import { literalStdin } from '../shell/unwrap.js';
import { placeOf } from '../generic/place.js';
import type { CommandView, Rule } from './rule.js';

interface Client {
  /** Options whose value is SQL (or a script). */
  readonly sql: readonly string[];
  /** Options whose value is a file of SQL. */
  readonly file: readonly string[];
  readonly host: readonly string[];
  readonly db: readonly string[];
  /** Options taking a value (so their values are not positionals). */
  readonly withValue: readonly string[];
  /** Environment variables the client reads for its host / database. */
  readonly env: readonly string[];
  /** Which positional holds the database (file) name, and which one holds SQL, if any. */
  readonly dbPos?: number;
  readonly sqlPos?: number;
  readonly engine: string;
}

const PG: Client = {
  engine: 'PostgreSQL', sql: ['-c', '--command'], file: ['-f', '--file'], host: ['-h', '--host'], db: ['-d', '--dbname'],
  withValue: ['-U', '--username', '-p', '--port', '-v', '--set', '--variable', '-o', '--output', '-L', '--log-file', '-P', '--pset', '-F', '--field-separator', '-R', '--record-separator', '-T', '--table-attr'],
  env: ['PGHOST', 'PGDATABASE', 'PGSERVICE'], dbPos: 0,
};
const MYSQL: Client = {
  engine: 'MySQL', sql: ['-e', '--execute'], file: [], host: ['-h', '--host'], db: ['-D', '--database'],
  withValue: ['-u', '--user', '-P', '--port', '-S', '--socket', '--protocol', '--default-character-set', '--defaults-file', '--defaults-extra-file', '--login-path', '--ssl-ca', '--ssl-cert', '--ssl-key', '--ssl-mode', '--init-command'],
  env: ['MYSQL_HOST'], dbPos: 0,
};
/** `prisma db execute --stdin | --file`: raw SQL sent to the database the schema or --url names. */
const PRISMA_EXECUTE: Client = { engine: 'SQL (prisma db execute)', sql: [], file: ['--file'], host: ['--url'], db: [], withValue: ['--schema', '--url', '--file'], env: ['DATABASE_URL'] };
const RUNNERS = ['npx', 'bunx', 'pnpx', 'pnpm', 'yarn', 'bun'];

const CLIENTS: Readonly<Record<string, Client>> = {
  psql: PG, pgcli: PG, usql: { ...PG, engine: 'SQL' },
  mysql: MYSQL, mariadb: MYSQL, mycli: MYSQL,
  sqlite3: { engine: 'SQLite', sql: ['-cmd'], file: ['-init'], host: [], db: [], withValue: ['-separator', '-newline', '-nullvalue', '-init', '-cmd'], env: [], dbPos: 0, sqlPos: 1 },
  sqlite: { engine: 'SQLite', sql: ['-cmd'], file: ['-init'], host: [], db: [], withValue: ['-separator', '-newline', '-nullvalue', '-init', '-cmd'], env: [], dbPos: 0, sqlPos: 1 },
  duckdb: { engine: 'DuckDB', sql: ['-c', '-s', '-cmd'], file: ['-f', '-init'], host: [], db: [], withValue: [], env: [], dbPos: 0, sqlPos: 1 },
  'clickhouse-client': { engine: 'ClickHouse', sql: ['-q', '--query'], file: ['--queries-file'], host: ['-h', '--host'], db: ['-d', '--database'], withValue: ['-u', '--user', '--password', '--port', '--format', '-f'], env: ['CLICKHOUSE_HOST'] },
  sqlcmd: { engine: 'SQL Server', sql: ['-Q', '-q'], file: ['-i'], host: ['-S', '--server'], db: ['-d', '--database-name'], withValue: ['-U', '-P', '-o', '-s', '-W', '-h', '-l', '-t'], env: ['SQLCMDSERVER', 'SQLCMDDBNAME'] },
  cqlsh: { engine: 'Cassandra', sql: ['-e', '--execute'], file: ['-f', '--file'], host: [], db: ['-k', '--keyspace'], withValue: ['-u', '--username', '-p', '--password', '--cqlshrc', '--cqlversion', '--request-timeout', '--connect-timeout'], env: ['CQLSH_HOST'], dbPos: 0 },
  cockroach: { engine: 'CockroachDB', sql: ['-e', '--execute'], file: ['-f', '--file'], host: ['--host'], db: ['-d', '--database'], withValue: ['-u', '--user', '--certs-dir', '--format'], env: ['COCKROACH_URL', 'COCKROACH_HOST'] },
  snowsql: { engine: 'Snowflake', sql: ['-q', '--query'], file: ['-f', '--filename'], host: ['-a', '--accountname'], db: ['-d', '--dbname'], withValue: ['-u', '--username', '-s', '--schemaname', '-w', '--warehouse', '-r', '--rolename', '-c', '--connection'], env: ['SNOWSQL_ACCOUNT'] },
  bq: { engine: 'BigQuery', sql: [], file: [], host: ['--project_id'], db: [], withValue: ['--format', '--location'], env: ['CLOUDSDK_CORE_PROJECT'], sqlPos: 1 },
};

const DB_TAGS: Tag[] = ['database'];

interface Where {
  readonly identifiers: string[];
  readonly local: boolean;
  readonly host: string;
  readonly database?: string;
}

/** Where a client connects: hosts, URLs and database names from options, positionals and env. */
function locate(v: CommandView, c: Client): Where {
  const ids: string[] = [];
  let host: string | undefined;
  let database: string | undefined;
  const pos = v.positionals([...c.sql, ...c.file, ...c.host, ...c.db, ...c.withValue]);
  for (const a of v.args) {
    const t = expandRef(v, a);
    const h = urlHost(t);
    if (h) { ids.push(t); host ??= h; database ??= urlDatabase(t); }
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(t) && a.startsWith('$')) { ids.push(t); host ??= a; } // unresolved $DATABASE_URL
  }
  for (const o of c.host) {
    const hv = v.value(o);
    if (hv) { const t = expandRef(v, hv); ids.push(t); host ??= t; }
  }
  for (const o of c.db) {
    const dv = v.value(o);
    if (dv) { const t = expandRef(v, dv); database ??= urlDatabase(t) ?? t; if (urlHost(t)) { ids.push(t); host ??= urlHost(t); } else ids.push(t); }
  }
  if (c.dbPos !== undefined && pos[c.dbPos] && !pos[c.dbPos]!.startsWith('$') && !urlHost(expandRef(v, pos[c.dbPos]!))) {
    const p = expandRef(v, pos[c.dbPos]!);
    if (v.program === 'cqlsh') { ids.push(p); host ??= p; } else { database ??= p; ids.push(p); }
  }
  for (const e of c.env) {
    const val = v.env(e);
    if (!val) continue;
    ids.push(val);
    if (/HOST|SERVER|URL|ACCOUNT/.test(e)) host ??= urlHost(val) ?? val;
    else database ??= val;
  }
  if (v.program === 'cockroach' && v.value('--url')) { const u = expandRef(v, v.value('--url')!); ids.push(u); host ??= urlHost(u) ?? u; }
  const file = c.dbPos !== undefined && (v.program === 'sqlite3' || v.program === 'sqlite' || v.program === 'duckdb');
  const unresolved = host?.startsWith('$') ?? false;
  // A client with no host connects locally; prisma with no URL reads one from the project's .env, which is not seen.
  const fromProject = c === PRISMA_EXECUTE && !host;
  const local = file ? true : fromProject ? false : !host ? true : !unresolved && isLocalHost(host);
  return { identifiers: fromProject ? ['the DATABASE_URL in the project'] : ids, local, host: host ?? (file ? 'a local file' : fromProject ? 'the database in the project\'s DATABASE_URL' : 'localhost'), database };
}

interface Input {
  readonly statements: SqlStatement[];
  /** A file or stream whose content cannot be seen. */
  readonly unseen?: string;
}

function inputs(v: CommandView, c: Client): Input {
  const statements: SqlStatement[] = [];
  let unseen: string | undefined;
  for (const o of c.sql) for (const s of v.values(o)) statements.push(...classifySql(s));
  if (c.sqlPos !== undefined) {
    const pos = v.positionals([...c.sql, ...c.file, ...c.host, ...c.db, ...c.withValue]);
    const extra = v.program === 'bq' ? (pos[0] === 'query' ? pos.slice(1) : []) : pos.slice(c.sqlPos);
    for (const s of extra) statements.push(...classifySql(s));
  }
  for (const o of c.file) { const f = v.value(o); if (f) unseen = f; }
  const stdin = v.cmd.stdin;
  const lit = literalStdin(stdin);
  if (lit) {
    statements.push(...classifySql(lit.text));
    if (!lit.literal) unseen ??= 'standard input built at run time';
  } else if (stdin?.kind === 'file') unseen ??= stdin.path.text;
  else if (stdin?.kind === 'pipe') {
    const from = stdin.from;
    const file = from.args.find((w) => !w.text.startsWith('-'))?.text;
    unseen ??= `the output of ${from.program}${file ? ` ${file}` : ''}`;
  }
  // `\i file`, `source file`, `.read file` inside the SQL also run unseen files.
  for (const s of statements) {
    const m = /^(?:\\i|\\ir|\\include|SOURCE|\.read)\s+(\S+)/i.exec(s.text);
    if (m) unseen ??= m[1];
  }
  return { statements, unseen };
}

const KIND_WORD: Record<string, string> = {
  'drop-database': 'drops', 'drop-table': 'drops table', truncate: 'empties table', 'delete-all': 'deletes every row of', 'update-all': 'overwrites every row of',
  'alter-drop': 'drops columns or partitions of', privilege: 'changes users or privileges:', 'drop-other': 'drops', delete: 'deletes rows from', update: 'updates rows in', unknown: 'runs', write: 'writes:',
};

const RISKY_FILE = /(drop|reset|wipe|truncate|purge|destroy|clean|teardown|nuke|delete|rollback|down)[^/]*$/i;

function sqlClient(outer: CommandView): Finding[] | undefined {
  const tool = RUNNERS.includes(outer.program) || outer.program === 'prisma' ? toolOf(outer) : outer;
  const prisma = tool.program === 'prisma' && tool.args[0] === 'db' && tool.args[1] === 'execute';
  const v = prisma ? tool : outer;
  const c = CLIENTS[v.program] ?? (prisma ? PRISMA_EXECUTE : undefined);
  if (!c) return undefined;
  if (v.program === 'cockroach' && v.args[0] !== 'sql') return undefined;
  if (v.program === 'bq' && v.positionals(['--format', '--location', '--project_id'])[0] !== 'query') return undefined;
  if (v.has('--help', '--version', '-V') && v.args.length === 1) return undefined;
  const where = locate(v, c);
  const { statements, unseen } = inputs(v, c);
  const worst = statements.reduce<SqlStatement | undefined>((w, s) => (!w || SQL_SEVERITY[s.kind] > SQL_SEVERITY[w.kind] ? s : w), undefined);
  const onWhat = `${where.database ? `database ${where.database} ` : ''}on ${where.host}`;
  const targets: Target[] = [{ kind: 'host', name: where.host }, ...(where.database ? [{ kind: 'database' as const, name: where.database }] : [])];
  // A local connection still counts as production when the database is named so (`-d prod_db`).
  const prodName = where.local && where.database !== undefined && classifyEnvironment([where.database], v.ctx).verdict === 'production';
  const remote = (destructive: boolean) => (where.local && !v.cmd.ctx.remote && !prodName ? undefined : remoteImpact(v, where.identifiers.length ? where.identifiers : [where.host], destructive));
  const findings: Finding[] = [];
  if (worst && worst.kind !== 'read' && worst.kind !== 'session') {
    const k = worst.kind;
    const destroys = DESTROYS_DATA.has(k);
    let risk: Risk = destroys || k === 'privilege' ? 'high' : 'medium';
    const tags: Tag[] = [...DB_TAGS];
    if (destroys) tags.push('data-loss', 'irreversible');
    if (k === 'privilege') tags.push('privilege');
    // Deleting rows is destructive even with a WHERE: high, and critical where production or unverified.
    if (k === 'update' || k === 'write' || k === 'drop-other') risk = 'medium';
    if (k === 'delete') risk = 'high';
    const objectKind: Target['kind'] = k === 'drop-database' ? 'database' : 'table';
    if (worst.object) targets.push({ kind: objectKind, name: worst.object });
    const many = statements.filter((s) => DESTROYS_DATA.has(s.kind)).length;
    const reversibility: Reversibility = destroys ? 'irreversible' : k === 'delete' || k === 'update' ? 'recoverable' : 'reversible';
    findings.push({
      ruleId: `database.sql.${k}`, risk, effect: destroys || k === 'delete' ? 'delete' : k === 'privilege' ? 'privilege' : 'write',
      summary: `${KIND_WORD[k]} ${k === 'unknown' || k === 'write' || k === 'privilege' ? worst.text : worst.object ?? ''} in ${c.engine} ${onWhat}${many > 1 ? ` (${many} destructive statements)` : ''}`.replace(/\s+/g, ' '),
      targets, reversibility, tags,
      remote: remote(k !== 'write' && k !== 'privilege'),
      alternatives: destroys ? ['take a backup first (pg_dump / mysqldump)', 'run it inside BEGIN; … ROLLBACK; to see the effect', 'SELECT count(*) with the same WHERE first'] : undefined,
    });
  }
  if (unseen) {
    const risky = RISKY_FILE.test(unseen);
    findings.push({
      ruleId: 'database.sql-file', risk: risky ? 'high' : 'medium', effect: 'write',
      summary: `runs SQL from ${unseen} against ${c.engine} ${onWhat}: its statements cannot be seen${risky ? ' (the name suggests it drops or resets data)' : ''}`,
      targets: [...targets, { kind: 'path', name: unseen }], reversibility: 'recoverable',
      tags: risky ? [...DB_TAGS, 'data-loss'] : DB_TAGS, remote: remote(true),
    });
  }
  return findings;
}

function redis(v: CommandView): Finding[] {
  const withValue = ['-h', '-p', '-s', '-a', '-u', '-n', '-r', '-i', '-d', '--user', '--pass', '--cacert', '--cert', '--key', '--sni', '--pattern', '--rdb', '--functions-rdb', '--count', '--quoted-pattern', '-t', '--eval'];
  const url = v.value('-u');
  const hostOpt = v.value('-h');
  const host = hostOpt ? expandRef(v, hostOpt) : url ? urlHost(expandRef(v, url)) ?? expandRef(v, url) : 'localhost';
  const local = isLocalHost(host) && !v.cmd.ctx.remote;
  const ids = [host, ...(url ? [expandRef(v, url)] : [])];
  const pos = v.positionals(withValue);
  const cmds = pos.length ? [pos] : redisLines(literalStdin(v.cmd.stdin)?.text ?? '');
  const findings: Finding[] = [];
  const db = v.value('-n');
  const where = `redis ${db ? `database ${db} ` : ''}on ${host}`;
  for (const words of cmds) {
    const r = classifyRedis(words);
    if (!r || r.kind === 'read') continue;
    const opaqueKeys = v.words.some((w) => !w.literal) && r.kind === 'delete';
    const targets: Target[] = [{ kind: 'host', name: host }, ...(db ? [{ kind: 'database' as const, name: db }] : [])];
    const remote = local ? undefined : remoteImpact(v, ids, r.kind !== 'write');
    switch (r.kind) {
      case 'flush':
        findings.push({ ruleId: 'database.redis.flush', risk: 'high', effect: 'delete', summary: `${r.text.split(' ')[0]} deletes every key in ${/FLUSHALL/i.test(r.text) ? 'every database of' : ''} ${where}`.replace(/\s+/g, ' '), targets, reversibility: 'irreversible', tags: [...DB_TAGS, 'data-loss', 'irreversible'], remote, alternatives: ['redis-cli --scan --pattern PREFIX* (see what is there first)', 'BGSAVE before flushing'] });
        break;
      case 'delete':
        findings.push({ ruleId: 'database.redis.delete', risk: r.pattern || opaqueKeys ? 'high' : 'medium', effect: 'delete', summary: `${r.text} on ${where}${r.pattern || opaqueKeys ? ' (keys chosen by pattern or at run time)' : ''}`, targets, reversibility: 'irreversible', tags: [...DB_TAGS, 'data-loss', ...(r.pattern || opaqueKeys ? (['wildcard'] as Tag[]) : [])], remote });
        break;
      case 'config': case 'replication':
        findings.push({ ruleId: `database.redis.${r.kind}`, risk: 'high', effect: 'privilege', summary: `${r.text} on ${where} (server configuration)`, targets, reversibility: 'recoverable', tags: [...DB_TAGS, 'shared-state', ...(r.kind === 'replication' ? (['data-loss'] as Tag[]) : [])], remote: local ? undefined : remoteImpact(v, ids, true) });
        break;
      case 'shutdown':
        findings.push({ ruleId: 'database.redis.shutdown', risk: 'high', effect: 'write', summary: `shuts down ${where}${/NOSAVE/i.test(r.text) ? ' without saving' : ''}`, targets, reversibility: /NOSAVE/i.test(r.text) ? 'irreversible' : 'recoverable', tags: [...DB_TAGS, 'outage', ...(/NOSAVE/i.test(r.text) ? (['data-loss'] as Tag[]) : [])], remote: local ? undefined : remoteImpact(v, ids, true) });
        break;
      default:
        findings.push({ ruleId: 'database.redis.write', risk: 'medium', effect: 'write', summary: `${r.text} on ${where}`, targets, reversibility: 'recoverable', tags: DB_TAGS, remote: local ? undefined : remoteImpact(v, ids, false) });
    }
  }
  if (v.has('--pipe') || v.has('-x')) findings.push({ ruleId: 'database.redis.write', risk: 'medium', effect: 'write', summary: `sends commands from standard input to ${where}`, reversibility: 'recoverable', tags: DB_TAGS, remote: local ? undefined : remoteImpact(v, ids, true) });
  return findings;
}

function mongo(v: CommandView): Finding[] {
  const withValue = ['--eval', '--host', '--port', '-u', '--username', '-p', '--password', '--authenticationDatabase', '--authenticationMechanism', '-f', '--file', '--tlsCAFile', '--tlsCertificateKeyFile', '--apiVersion'];
  const pos = v.positionals(withValue);
  const ids: string[] = [];
  let host: string | undefined;
  let database: string | undefined;
  for (const p of pos) {
    const t = expandRef(v, p);
    if (/\.js$/.test(t)) continue;
    const h = urlHost(t);
    if (h) { ids.push(t); host ??= h.split(',')[0]; database ??= urlDatabase(t); }
    else if (p.startsWith('$')) ids.push(t);
    else { const [hh, dd] = t.includes('/') ? t.split('/') : [undefined, t]; if (hh) { host ??= hh; ids.push(hh); } database ??= dd; if (dd) ids.push(dd); }
  }
  const hostOpt = v.value('--host');
  if (hostOpt) { const t = expandRef(v, hostOpt); ids.push(t); host ??= urlHost(t) ?? t; }
  const hostName = host ?? 'localhost';
  const local = isLocalHost(hostName) && !ids.some((i) => /^[A-Z_]+$/.test(i)) && !v.cmd.ctx.remote;
  const scripts = [...v.values('--eval'), literalStdin(v.cmd.stdin)?.text ?? ''].join('\n');
  const file = v.value('-f', '--file') ?? pos.find((p) => /\.js$/.test(p));
  const m = classifyMongo(scripts);
  const targets: Target[] = [{ kind: 'host', name: hostName }, ...(database ? [{ kind: 'database' as const, name: database }] : [])];
  const where = `MongoDB ${database ? `database ${database} ` : ''}on ${hostName}`;
  const findings: Finding[] = [];
  const remote = (d: boolean) => (local ? undefined : remoteImpact(v, ids.length ? ids : [hostName], d));
  if (m.kind !== 'read') {
    const destroys = m.kind === 'drop-database' || m.kind === 'drop-collection' || m.kind === 'delete-all' || m.kind === 'update-all';
    const what = m.kind === 'drop-database' ? 'drops the whole database' : m.kind === 'drop-collection' ? `drops collection ${m.object ?? '?'}` : m.kind === 'delete-all' ? `deletes every document in ${m.object ?? '?'}` : m.kind === 'update-all' ? `overwrites every document in ${m.object ?? '?'}` : m.kind === 'delete' ? `deletes documents from ${m.object ?? '?'}` : m.kind === 'privilege' ? `changes users or server state (${m.text})` : `writes to ${m.object ?? 'collections'}`;
    if (m.object && m.kind !== 'drop-database') targets.push({ kind: 'table', name: m.object });
    findings.push({
      ruleId: `database.mongo.${m.kind}`, risk: destroys || m.kind === 'privilege' ? 'high' : 'medium', effect: destroys || m.kind === 'delete' ? 'delete' : 'write',
      summary: `${what} in ${where}`, targets, reversibility: destroys ? 'irreversible' : 'recoverable',
      tags: destroys ? [...DB_TAGS, 'data-loss', 'irreversible'] : m.kind === 'privilege' ? [...DB_TAGS, 'privilege'] : DB_TAGS,
      remote: remote(m.kind !== 'write' && m.kind !== 'privilege'),
      alternatives: destroys ? ['mongodump first', 'countDocuments() with the same filter first'] : undefined,
    });
  }
  if (file) findings.push({ ruleId: 'database.mongo.script-file', risk: RISKY_FILE.test(file) ? 'high' : 'medium', effect: 'write', summary: `runs script ${file} against ${where}: its content cannot be seen`, targets: [...targets, { kind: 'path', name: file }], reversibility: 'recoverable', tags: DB_TAGS, remote: remote(true) });
  return findings;
}

/** dropdb, mysqladmin drop, pg_restore --clean, mongorestore --drop and friends. */
function adminTool(v: CommandView): Finding | undefined {
  const p = v.program;
  const hostOpt = v.value('-h', '--host');
  const url = v.args.map((a) => expandRef(v, a)).find((a) => urlHost(a));
  const envHost = p === 'dropdb' || p === 'pg_restore' ? v.env('PGHOST') : undefined;
  const host = hostOpt ? expandRef(v, hostOpt) : url ? urlHost(url)! : envHost ?? 'localhost';
  const local = isLocalHost(host) && !v.cmd.ctx.remote;
  const ids = [host, ...(url ? [url] : [])];
  const mk = (ruleId: string, what: string, database: string | undefined, extra: Tag[] = [], risk: Risk = 'high'): Finding => ({
    ruleId, risk, effect: 'delete', summary: `${what} on ${host}`,
    targets: [{ kind: 'host', name: host }, ...(database ? [{ kind: 'database' as const, name: database }] : [])],
    reversibility: 'irreversible', tags: [...DB_TAGS, 'data-loss', 'irreversible', ...extra],
    remote: local ? undefined : remoteImpact(v, [...ids, ...(database ? [database] : [])], true),
    alternatives: ['take a backup first (pg_dump / mysqldump / mongodump)'],
  });
  switch (p) {
    case 'dropdb': {
      const db = v.positionals(['-h', '--host', '-p', '--port', '-U', '--username', '--maintenance-db'])[0];
      return mk('database.dropdb', `drops database ${db ?? '?'}`, db, v.has('-f', '--force') ? ['confirmation-bypass'] : []);
    }
    case 'mysqladmin': {
      const pos = v.positionals(['-u', '--user', '-h', '--host', '-P', '--port', '-S', '--socket', '-p']);
      const i = pos.findIndex((x) => x === 'drop');
      if (i >= 0) return mk('database.mysqladmin-drop', `drops database ${pos[i + 1] ?? '?'}`, pos[i + 1], v.has('-f', '--force') ? ['confirmation-bypass'] : []);
      if (pos.includes('shutdown')) return { ...mk('database.mysqladmin-shutdown', 'shuts down the MySQL server', undefined, ['outage']), tags: [...DB_TAGS, 'outage'], reversibility: 'recoverable' };
      return undefined;
    }
    case 'pg_restore': {
      const db = v.value('-d', '--dbname');
      if (!db) return undefined; // without -d it only prints SQL
      if (v.has('-c', '--clean')) return mk('database.pg-restore-clean', `drops and recreates every object of database ${db} from a dump (--clean)`, db);
      return { ...mk('database.pg-restore', `restores a dump into database ${db}`, db, [], 'medium'), effect: 'write', reversibility: 'recoverable', tags: DB_TAGS, remote: local ? undefined : remoteImpact(v, ids, false) };
    }
    case 'mongorestore': case 'mongoimport':
      if (v.has('--drop')) return mk(`database.${p}-drop`, `drops the target collections before ${p === 'mongorestore' ? 'restoring' : 'importing'} (--drop)`, v.value('-d', '--db', '--nsInclude'));
      return undefined;
    case 'pg_dropcluster':
      return mk('database.pg-dropcluster', `deletes PostgreSQL cluster ${v.positionals().join(' ')} and its data directory`, undefined);
    default:
      return undefined;
  }
}

// ---- ORMs and frameworks -------------------------------------------------------------------

interface Reset { what: string; bypass: boolean; ids: (string | undefined)[]; local?: boolean }

function frameworkReset(t: CommandView): Reset | 'medium' | undefined {
  const a = t.args;
  const p = t.program;
  const sub = t.positionals(['--schema', '--env', '--settings', '--database', '-e', '--environment', '--url', '--config', '-c', '--connection', '-x', '-n', '--name', '--db-url', '--project', '-p', '--profile', '--context', '--source'])
  ;
  const s0 = sub[0] ?? '';
  const s1 = sub[1] ?? '';
  const dbUrl = t.env('DATABASE_URL');
  switch (p) {
    case 'prisma': {
      const ids = [dbUrl];
      if (s0 === 'migrate' && s1 === 'reset') return { what: 'prisma migrate reset drops the database and re-applies every migration', bypass: t.has('-f', '--force'), ids };
      if (s0 === 'db' && s1 === 'push' && t.has('--force-reset', '--accept-data-loss')) return { what: `prisma db push ${t.has('--force-reset') ? '--force-reset drops and recreates the database' : '--accept-data-loss applies schema changes that delete data'}`, bypass: true, ids };
      if (s0 === 'migrate' && s1 === 'dev' && t.has('--force')) return { what: 'prisma migrate dev may reset the database', bypass: true, ids };
      if ((s0 === 'migrate' && (s1 === 'deploy' || s1 === 'dev' || s1 === 'resolve')) || (s0 === 'db' && (s1 === 'push' || s1 === 'execute' || s1 === 'seed'))) return 'medium';
      return undefined;
    }
    case 'rails': case 'rake': case 'rails.rb': {
      const envArg = a.find((x) => /^(RAILS_ENV|RACK_ENV)=/.test(x))?.split('=')[1];
      const env = envArg ?? t.value('-e', '--environment') ?? t.env('RAILS_ENV') ?? t.env('RACK_ENV') ?? 'development';
      const task = sub.find((x) => /^db:/.test(x));
      if (!task) return undefined;
      const bypass = t.env('DISABLE_DATABASE_ENVIRONMENT_CHECK') === '1' || a.includes('DISABLE_DATABASE_ENVIRONMENT_CHECK=1');
      if (/^db:(drop|reset|purge|schema:load|structure:load|migrate:reset|seed:replant|truncate_all|setup)(:|$)/.test(task)) return { what: `rails ${task} deletes the ${env} database's data`, bypass, ids: [env, dbUrl] };
      if (/^db:(migrate|rollback|migrate:redo|migrate:down|seed|prepare|create|migrate:up)/.test(task)) return 'medium';
      return undefined;
    }
    case 'manage.py': case 'django-admin': {
      const settings = t.value('--settings') ?? t.env('DJANGO_SETTINGS_MODULE');
      const ids = [settings, t.value('--database'), dbUrl];
      const bypass = t.has('--noinput', '--no-input');
      if (s0 === 'flush') return { what: 'django flush deletes every row of every table', bypass, ids };
      if (s0 === 'reset_db' || s0 === 'reset_schema' || s0 === 'drop_test_database') return { what: `django ${s0} drops and recreates the database`, bypass, ids };
      if (s0 === 'migrate' && (sub[2] === 'zero' || s1 === 'zero')) return { what: `django migrate ${s1} zero unapplies every migration (drops the app's tables)`, bypass, ids };
      if (s0 === 'migrate' || s0 === 'loaddata' || s0 === 'createsuperuser') return 'medium';
      return undefined;
    }
    case 'supabase': {
      if (s0 !== 'db' || s1 !== 'reset') return undefined;
      const url = t.value('--db-url');
      if (url) return { what: `supabase db reset wipes the database at ${urlHost(url) ?? url}`, bypass: false, ids: [url] };
      if (t.has('--linked')) return { what: 'supabase db reset --linked wipes the linked remote project database', bypass: false, ids: [t.value('--project-ref') ?? t.ctx.linkedEnvironment ?? 'linked Supabase project'] };
      return { what: 'supabase db reset wipes the local development database', bypass: false, ids: ['localhost'], local: true };
    }
    case 'knex': {
      const env = t.value('--env') ?? t.env('NODE_ENV') ?? 'development';
      if (s0 === 'migrate:rollback' && t.has('--all')) return { what: 'knex migrate:rollback --all reverts every migration', bypass: false, ids: [env, dbUrl] };
      if (s0 === 'migrate:down' || s0 === 'migrate:rollback' || s0 === 'seed:run' || s0 === 'migrate:latest' || s0 === 'migrate:up') return 'medium';
      return undefined;
    }
    case 'sequelize': case 'sequelize-cli': {
      const env = t.value('--env') ?? t.env('NODE_ENV') ?? 'development';
      if (s0 === 'db:drop' || s0 === 'db:migrate:undo:all' || s0 === 'db:seed:undo:all') return { what: `sequelize ${s0} deletes the ${env} database's data`, bypass: false, ids: [env, dbUrl, t.value('--url')] };
      if (/^db:(migrate|seed)/.test(s0)) return 'medium';
      return undefined;
    }
    case 'typeorm': case 'typeorm-ts-node-commonjs': case 'typeorm-ts-node-esm': {
      if (s0 === 'schema:drop' || s0 === 'schema:sync' && t.has('--drop')) return { what: 'typeorm schema:drop drops every table', bypass: false, ids: [t.env('NODE_ENV'), dbUrl] };
      if (s0 === 'migration:revert' || s0 === 'schema:sync' || s0 === 'migration:run' || s0 === 'query') return 'medium';
      return undefined;
    }
    case 'drizzle-kit': {
      if ((s0 === 'push' && t.has('--force')) || s0 === 'drop') return { what: s0 === 'drop' ? 'drizzle-kit drop deletes a migration' : 'drizzle-kit push --force applies schema changes that delete data without asking', bypass: s0 === 'push', ids: [dbUrl] };
      if (s0 === 'push' || s0 === 'migrate') return 'medium';
      return undefined;
    }
    case 'alembic': case 'flask': {
      const i = p === 'flask' ? sub.indexOf('downgrade') : s0 === 'downgrade' ? 0 : -1;
      if (i < 0) return p === 'alembic' && s0 === 'upgrade' ? 'medium' : undefined;
      const target = sub[i + 1] ?? '-1';
      if (target === 'base') return { what: `${p} downgrade base drops every migrated table`, bypass: false, ids: [t.value('-n', '--name'), ...t.values('-x'), t.env('FLASK_ENV'), dbUrl] };
      return 'medium';
    }
    case 'artisan': {
      const env = t.value('--env') ?? t.env('APP_ENV');
      if (/^(migrate:fresh|migrate:reset|migrate:refresh|db:wipe)$/.test(s0)) return { what: `artisan ${s0} drops every table`, bypass: t.has('--force'), ids: [env, dbUrl, t.value('--database')] };
      if (/^(migrate|migrate:rollback|db:seed)$/.test(s0)) return 'medium';
      return undefined;
    }
    case 'mix': {
      if (s0 === 'ecto.drop' || s0 === 'ecto.reset') return { what: `mix ${s0} drops the database`, bypass: t.has('--force', '--force-drop'), ids: [t.env('MIX_ENV') ?? 'dev', dbUrl] };
      if (s0 === 'ecto.rollback' && t.has('--all')) return { what: 'mix ecto.rollback --all reverts every migration', bypass: false, ids: [t.env('MIX_ENV') ?? 'dev', dbUrl] };
      return undefined;
    }
    case 'dotnet': {
      if (s0 === 'ef' && s1 === 'database' && sub[2] === 'drop') return { what: 'dotnet ef database drop drops the database', bypass: t.has('-f', '--force'), ids: [t.env('ASPNETCORE_ENVIRONMENT'), t.value('--connection')] };
      return undefined;
    }
    case 'sqlx': case 'diesel': {
      if ((s0 === 'database' || s0 === 'db') && (s1 === 'drop' || s1 === 'reset')) return { what: `${p} database ${s1} drops the database`, bypass: t.has('-y'), ids: [t.value('--database-url', '-D') ?? dbUrl] };
      if (p === 'diesel' && s0 === 'migration' && s1 === 'redo' && t.has('--all')) return { what: 'diesel migration redo --all reverts and re-runs every migration', bypass: false, ids: [t.value('--database-url') ?? dbUrl] };
      return undefined;
    }
    case 'goose': {
      const cmdIdx = sub.findIndex((x) => /^(reset|down-to|down|redo)$/.test(x));
      if (cmdIdx < 0) return undefined;
      const c = sub[cmdIdx]!;
      if (c === 'reset' || (c === 'down-to' && sub[cmdIdx + 1] === '0')) return { what: `goose ${c} rolls back every migration`, bypass: false, ids: [...sub.slice(0, cmdIdx), t.env('GOOSE_DBSTRING')] };
      return 'medium';
    }
    case 'migrate': {
      const dbu = t.value('-database', '--database');
      if (s0 === 'drop' || (s0 === 'down' && (t.has('-all') || !s1))) return { what: `migrate ${s0} ${s0 === 'drop' ? 'drops everything in the database' : 'rolls back every migration'}`, bypass: t.has('-f'), ids: [dbu] };
      return undefined;
    }
    case 'wp': {
      if (s0 === 'db' && /^(reset|drop|clean)$/.test(s1)) return { what: `wp db ${s1} deletes the WordPress database tables`, bypass: t.has('--yes'), ids: [t.value('--url')] };
      if (s0 === 'site' && s1 === 'empty') return { what: 'wp site empty deletes all posts and comments', bypass: t.has('--yes'), ids: [t.value('--url')] };
      return undefined;
    }
    default:
      return undefined;
  }
}

const RESET_PROGRAMS = ['prisma', 'rails', 'rake', 'manage.py', 'django-admin', 'supabase', 'knex', 'sequelize', 'sequelize-cli', 'typeorm', 'typeorm-ts-node-commonjs', 'typeorm-ts-node-esm', 'drizzle-kit', 'alembic', 'flask', 'artisan', 'mix', 'dotnet', 'sqlx', 'diesel', 'goose', 'migrate', 'wp'];
const RUNNER_PROGRAMS = ['npx', 'bunx', 'pnpx', 'npm', 'pnpm', 'yarn', 'bun', 'bundle', 'poetry', 'pipenv', 'pdm', 'hatch', 'rye', 'uv', 'uvx', 'pixi', 'python', 'python3', 'py', 'php', 'dotenv', 'doppler', 'op', 'infisical'];

function framework(v: CommandView): Finding | undefined {
  const t = toolOf(v);
  let tool = t;
  if (t.program === 'php' || t.program === 'sail') {
    const i = t.args.findIndex((x) => !x.startsWith('-'));
    if (i >= 0) tool = subView(t, i + 1, normaliseProgram(t.args[i]!));
  }
  if (!RESET_PROGRAMS.includes(tool.program)) return undefined;
  const r = frameworkReset(tool);
  if (!r) return undefined;
  // `prisma migrate deploy` is the command for shared and production databases: high unless the database is this machine.
  if (r === 'medium' && tool.args.includes('deploy') && placeOf(v) !== 'local') {
    return { ruleId: `database.migrate`, risk: 'high', effect: 'write', summary: `runs ${tool.program} ${tool.args.slice(0, 3).join(' ')}: applies migrations to a shared or production database (environment unverified)`, reversibility: 'recoverable', tags: DB_TAGS };
  }
  if (r === 'medium') {
    return { ruleId: `database.migrate`, risk: 'medium', effect: 'write', summary: `runs ${tool.program} ${tool.args.slice(0, 3).join(' ')} (schema or data changes)`, reversibility: 'recoverable', tags: DB_TAGS };
  }
  const ids = r.ids.filter((x): x is string => !!x).map((x) => expandRef(v, x));
  const hostIds = ids.map((x) => urlHost(x) ?? x);
  const local = r.local || (hostIds.length > 0 && hostIds.every((h) => isLocalHost(h)));
  return {
    ruleId: `database.reset.${tool.program.replace(/\.py$/, '').replace(/-.*$/, '')}`, risk: 'high', effect: 'delete',
    summary: `${r.what}${ids.length ? ` (${hostIds.join(', ')})` : ' (which database depends on configuration the command does not show)'}`,
    targets: hostIds.map((h) => ({ kind: 'database' as const, name: h })),
    reversibility: 'irreversible', tags: [...DB_TAGS, 'data-loss', 'irreversible', ...(r.bypass ? (['confirmation-bypass'] as Tag[]) : [])],
    remote: local && !v.cmd.ctx.remote ? undefined : remoteImpact(v, ids, true),
    alternatives: ['back up the database first', 'point DATABASE_URL at a disposable local database'],
  };
}

export const rules: readonly Rule[] = [
  {
    id: 'database.sql',
    programs: [...Object.keys(CLIENTS), 'prisma', ...RUNNERS],
    complete: (v) => CLIENTS[v.program] !== undefined,
    description: 'SQL clients (psql, mysql, sqlite3, cqlsh, clickhouse, sqlcmd, cockroach…) running DROP, TRUNCATE, DELETE/UPDATE without WHERE, ALTER…DROP, privilege changes or unseen SQL files.',
    check: sqlClient,
  },
  { id: 'database.redis', complete: true, programs: ['redis-cli', 'valkey-cli', 'keydb-cli'], description: 'redis-cli: FLUSHALL/FLUSHDB, DEL of patterns, CONFIG SET, SHUTDOWN.', check: redis },
  { id: 'database.mongo', complete: true, programs: ['mongosh', 'mongo'], description: 'Mongo shell: dropDatabase, drop(), deleteMany({}), remove({}).', check: mongo },
  { id: 'database.admin', complete: true, programs: ['dropdb', 'mysqladmin', 'pg_restore', 'mongorestore', 'mongoimport', 'pg_dropcluster'], description: 'dropdb, mysqladmin drop, pg_restore --clean, mongorestore --drop.', check: adminTool },
  { id: 'database.reset', programs: [...RESET_PROGRAMS, ...RUNNER_PROGRAMS, 'sail'], description: 'ORM and framework resets: prisma migrate reset, db push --force-reset, rails db:drop/reset, django flush, supabase db reset, artisan migrate:fresh, knex/sequelize/typeorm/drizzle/alembic.', check: framework },
];
