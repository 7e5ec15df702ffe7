// A small SQL statement classifier (not a parser): strips comments and string literals, splits
// on `;`, and says what each statement would do to the data. Also recognises the destructive
// commands of redis and the mongo shell, which database clients feed in the same ways.

export type SqlKind =
  | 'drop-database' | 'drop-table' | 'drop-other' | 'truncate' | 'delete-all' | 'update-all'
  | 'delete' | 'update' | 'alter-drop' | 'privilege' | 'write' | 'read' | 'session' | 'unknown';

export interface SqlStatement {
  readonly kind: SqlKind;
  /** The object the statement names: a table, database, schema, keyspace, user… */
  readonly object?: string;
  /** The statement itself, comments and literals stripped, shortened for display. */
  readonly text: string;
}

/** Removes comments and string literals in one pass; quoted identifiers lose their quotes. */
export function stripSql(text: string): string {
  let out = '';
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i]!;
    const d = text[i + 1];
    if (c === '-' && d === '-') {
      while (i < n && text[i] !== '\n') i++;
      out += ' ';
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!)) && (d === undefined || d === ' ' || d === '\t' || d === '\n' || d === '#')) {
      while (i < n && text[i] !== '\n') i++;
      out += ' ';
    } else if (c === '/' && d === '*' && text[i + 2] === '!') {
      // MySQL executable comment: `/*!50000 DROP TABLE t */` runs its content.
      i += 3;
      while (i < n && /[0-9]/.test(text[i]!)) i++;
      out += ' ';
    } else if (c === '*' && d === '/') {
      i += 2;
      out += ' ';
    } else if (c === '/' && d === '*') {
      const e = text.indexOf('*/', i + 2);
      i = e < 0 ? n : e + 2;
      out += ' ';
    } else if (c === "'") {
      // No backslash escapes: where they differ, reading more statements is the safe mistake.
      i++;
      while (i < n) {
        if (text[i] === "'") { if (text[i + 1] === "'") { i += 2; continue; } break; }
        i++;
      }
      i++;
      out += "''";
    } else if (c === '"' || c === '`') {
      const e = text.indexOf(c, i + 1);
      const id = text.slice(i + 1, e < 0 ? n : e);
      out += ` ${id.replace(/\s+/g, '_')} `;
      i = e < 0 ? n : e + 1;
    } else if (c === '$' && /[A-Za-z_$]/.test(d ?? '')) {
      // Dollar quoting (`$$ … $$`, `$body$ … $body$`): the body is code, keep it.
      const m = /^\$[A-Za-z_]*\$/.exec(text.slice(i, i + 64));
      if (m) { out += ' '; i += m[0].length; } else { out += c; i++; }
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const IDENT = String.raw`([A-Za-z0-9_.$\[\]]+)`;
const RE = {
  dropDb: new RegExp(String.raw`^DROP\s+(DATABASE|SCHEMA|KEYSPACE)\s+(?:IF\s+EXISTS\s+)?${IDENT}`, 'i'),
  dropTable: new RegExp(String.raw`^DROP\s+(?:TEMPORARY\s+|TEMP\s+)?(TABLE|COLLECTION|MATERIALIZED\s+VIEW)\s+(?:IF\s+EXISTS\s+)?${IDENT}`, 'i'),
  dropUser: new RegExp(String.raw`^DROP\s+(USER|ROLE|LOGIN|OWNED)\b\s*(?:IF\s+EXISTS\s+)?${IDENT}?`, 'i'),
  dropOther: new RegExp(String.raw`^DROP\s+([A-Za-z]+(?:\s+[A-Za-z]+)?)\s+(?:IF\s+EXISTS\s+)?${IDENT}?`, 'i'),
  truncate: new RegExp(String.raw`^TRUNCATE\s+(?:TABLE\s+)?(?:ONLY\s+)?${IDENT}`, 'i'),
  deleteFrom: new RegExp(String.raw`\bDELETE\s+(?:FROM\s+)?(?:ONLY\s+)?${IDENT}`, 'i'),
  update: new RegExp(String.raw`\bUPDATE\s+(?:ONLY\s+)?${IDENT}\s+(?:AS\s+\w+\s+|\w+\s+)?SET\b`, 'i'),
  alterDrop: new RegExp(String.raw`^ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?${IDENT}[\s\S]*\bDROP\b`, 'i'),
  alterPartitionDrop: /^ALTER\s+TABLE[\s\S]*\b(DROP|TRUNCATE)\s+PARTITION\b/i,
  where: /\bWHERE\b([\s\S]*)$/i,
  privilege: /^(GRANT\s+ALL|GRANT\s+\w+.*\bTO\s+PUBLIC\b|ALTER\s+(USER|ROLE|LOGIN)\b|CREATE\s+(USER|ROLE|LOGIN)\b|SET\s+PASSWORD\b|RENAME\s+USER\b|REVOKE\b|GRANT\b)/i,
  read: /^(SELECT|SHOW|EXPLAIN|DESCRIBE|DESC|WITH\b[\s\S]*\bSELECT\b(?![\s\S]*\b(DELETE|UPDATE|INSERT)\b)|VALUES|TABLE\s|\\|PRAGMA\s+\w+\s*$|PRAGMA\s+(table_info|index_list|database_list)|LIST\s|GET\s|CHECK\s|ANALYZE\b|USE\s|DESCRIBE\b|HELP\b|STATUS\b|CONSISTENCY\b|TRACING\b|PAGING\b|EXIT\b|QUIT\b)/i,
  session: /^(BEGIN|COMMIT|ROLLBACK|START\s+TRANSACTION|SET\s|RESET\s|SAVEPOINT|RELEASE|END\b|\.(tables|schema|headers|mode|quit|exit|databases|indexes|dump|read|open|help|timer|width|show|nullvalue))/i,
  write: /^(INSERT|CREATE|ALTER|COPY|LOAD\s+DATA|REPLACE|MERGE|UPSERT|CALL|EXEC|EXECUTE|DO\b|VACUUM|REINDEX|CLUSTER|COMMENT|REFRESH|OPTIMIZE|ATTACH|DETACH|RENAME|IMPORT|BACKUP|RESTORE|LOCK|UNLOCK|FLUSH|KILL|PREPARE|DEALLOCATE|LISTEN|NOTIFY|DISCARD)/i,
  trivialWhere: /^\s*(1\s*=\s*1|true|1|'{2}\s*=\s*'{2}|(\w+)\s*=\s*\2|(\w+)\s+IS\s+NOT\s+NULL\s+OR\s+\3\s+IS\s+NULL|NOT\s+FALSE|1\s*<>\s*0|0\s*=\s*0|id\s*>\s*0|id\s*IS\s+NOT\s+NULL)\s*(;|$|\bRETURNING\b|\bLIMIT\b)/i,
};

const short = (s: string): string => (s.length > 120 ? s.slice(0, 117) + '…' : s);
const ident = (s: string | undefined): string | undefined => s?.replace(/[\[\]]/g, '').replace(/,$/, '');

/** Classifies one statement (already stripped). */
export function classifyStatement(stmt: string): SqlStatement {
  const s = stmt.trim().replace(/^\(+/, '');
  const text = short(s.replace(/\s+/g, ' '));
  // `EXPLAIN ANALYZE …` runs the statement it explains.
  const explained = /^EXPLAIN\s+(?:\([^)]*ANALY[SZ]E[^)]*\)|ANALY[SZ]E\b(?:\s+VERBOSE)?)\s+([\s\S]+)$/i.exec(s);
  if (explained) return classifyStatement(explained[1]!);
  let m: RegExpExecArray | null;
  if ((m = RE.dropDb.exec(s))) return { kind: 'drop-database', object: `${m[1]!.toLowerCase()} ${ident(m[2])}`, text };
  if ((m = RE.dropTable.exec(s))) return { kind: 'drop-table', object: ident(m[2]), text };
  if ((m = RE.dropUser.exec(s))) return { kind: 'privilege', object: ident(m[2]) ?? m[1]!.toLowerCase(), text };
  if ((m = RE.dropOther.exec(s))) return { kind: 'drop-other', object: `${m[1]!.toLowerCase()} ${ident(m[2]) ?? ''}`.trim(), text };
  if ((m = RE.truncate.exec(s))) return { kind: 'truncate', object: ident(m[1]), text };
  if (/^(FLUSH\s+PRIVILEGES|FLUSH\s+TABLES|FLUSH\s+LOGS)\b/i.test(s)) return { kind: 'session', text };
  if (RE.alterPartitionDrop.test(s)) return { kind: 'alter-drop', object: ident(/^ALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?([^\s]+)/i.exec(s)?.[1]), text };
  if ((m = RE.alterDrop.exec(s)) && !/\bDROP\s+(DEFAULT|NOT\s+NULL|IDENTITY|EXPRESSION)\b/i.test(s)) return { kind: 'alter-drop', object: ident(m[1]), text };
  if (/^(DELETE|WITH)\b/i.test(s) && (m = RE.deleteFrom.exec(s))) {
    const where = RE.where.exec(s.slice(m.index));
    const all = !where || RE.trivialWhere.test(where[1]!);
    return { kind: all ? 'delete-all' : 'delete', object: ident(m[1]), text };
  }
  if (/^(UPDATE|WITH)\b/i.test(s) && (m = RE.update.exec(s))) {
    const where = RE.where.exec(s.slice(m.index));
    const all = !where || RE.trivialWhere.test(where[1]!);
    return { kind: all ? 'update-all' : 'update', object: ident(m[1]), text };
  }
  if (RE.privilege.test(s)) return { kind: 'privilege', text };
  if (RE.read.test(s)) return { kind: 'read', text };
  if (RE.session.test(s)) return { kind: 'session', text };
  if (RE.write.test(s)) return { kind: 'write', text };
  return { kind: 'unknown', text };
}

/** Splits SQL text into classified statements (empty ones dropped). */
export function classifySql(text: string): SqlStatement[] {
  const out: SqlStatement[] = [];
  // psql meta-commands (`\dt`, `\c db`) end at the line; they never destroy data.
  const stripped = stripSql(text).replace(/^\s*\\[^\n]*$/gm, (line) => `${line.trim()};`);
  for (const part of stripped.split(/;|\n\s*GO\s*(?:\n|$)/i)) {
    if (!part.trim()) continue;
    out.push(classifyStatement(part));
  }
  return out;
}

/** How bad each kind is: ordered from worst to harmless. */
export const SQL_SEVERITY: Readonly<Record<SqlKind, number>> = {
  'drop-database': 9, 'drop-table': 8, truncate: 8, 'delete-all': 8, 'update-all': 7, 'alter-drop': 7,
  privilege: 6, 'drop-other': 5, delete: 4, update: 4, unknown: 3, write: 2, session: 1, read: 0,
};

export const DESTROYS_DATA = new Set<SqlKind>(['drop-database', 'drop-table', 'truncate', 'delete-all', 'update-all', 'alter-drop']);

// ---- redis ---------------------------------------------------------------------------------

export type RedisKind = 'flush' | 'delete' | 'config' | 'shutdown' | 'replication' | 'write' | 'read';

const REDIS_FLUSH = /^(FLUSHALL|FLUSHDB|SCRIPT\s+FLUSH|FUNCTION\s+FLUSH|CLUSTER\s+RESET|CLUSTER\s+FLUSHSLOTS|DEBUG\s+(FLUSHALL|RELOAD))$/i;
const REDIS_DELETE = /^(DEL|UNLINK|HDEL|SREM|ZREM|ZREMRANGEBY\w+|LTRIM|LREM|XTRIM|XDEL|GETDEL|EXPIRE|PEXPIRE|RENAME|MIGRATE|MOVE|SWAPDB)$/i;
const REDIS_CONFIG = /^(CONFIG\s+(SET|REWRITE|RESETSTAT)|ACL\s+(SETUSER|DELUSER|LOAD|SAVE)|MODULE\s+LOAD|DEBUG\b.*)$/i;
const REDIS_REPL = /^(SLAVEOF|REPLICAOF|FAILOVER|CLUSTER\s+(FAILOVER|FORGET|MEET))$/i;
const REDIS_READ = /^(GET|MGET|KEYS|SCAN|HGET|HGETALL|HKEYS|LRANGE|SMEMBERS|ZRANGE\w*|TTL|PTTL|TYPE|EXISTS|INFO|PING|DBSIZE|MONITOR|CLIENT\s+LIST|CONFIG\s+GET|SLOWLOG\s+GET|MEMORY\s+\w+|LLEN|SCARD|ZCARD|HLEN|STRLEN|XRANGE|XREAD|XLEN|SUBSCRIBE|PSUBSCRIBE|ECHO|TIME|ROLE|LASTSAVE|SELECT|AUTH|HELLO|CLUSTER\s+(INFO|NODES|SLOTS)|OBJECT\s+\w+|RANDOMKEY|DUMP|HSCAN|SSCAN|ZSCAN)$/i;

/** Classifies one redis command given as words (`FLUSHALL`, `CONFIG SET dir /tmp`). */
export function classifyRedis(words: readonly string[]): { kind: RedisKind; text: string; pattern: boolean } | undefined {
  if (!words.length) return undefined;
  const head1 = words[0]!.toUpperCase();
  const head2 = words.length > 1 ? `${head1} ${words[1]!.toUpperCase()}` : head1;
  const text = short(words.join(' '));
  const pattern = words.slice(1).some((w) => /[*?[]/.test(w));
  if (REDIS_FLUSH.test(head1) || REDIS_FLUSH.test(head2)) return { kind: 'flush', text, pattern };
  if (head1 === 'SHUTDOWN') return { kind: 'shutdown', text, pattern };
  if (REDIS_CONFIG.test(head2) || head1 === 'DEBUG') return { kind: 'config', text, pattern };
  if (REDIS_REPL.test(head1) || REDIS_REPL.test(head2)) return { kind: 'replication', text, pattern };
  if (REDIS_DELETE.test(head1)) return { kind: 'delete', text, pattern };
  if (REDIS_READ.test(head1) || REDIS_READ.test(head2)) return { kind: 'read', text, pattern };
  return { kind: 'write', text, pattern };
}

/** Splits redis-cli stdin into commands (one per line, simple quoting). */
export function redisLines(text: string): string[][] {
  return text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))
    .map((l) => (l.match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map((w) => w.replace(/^["']|["']$/g, '')));
}

// ---- mongo shell ---------------------------------------------------------------------------

export type MongoKind = 'drop-database' | 'drop-collection' | 'delete-all' | 'update-all' | 'delete' | 'privilege' | 'write' | 'read';

const MONGO_PATTERNS: readonly (readonly [RegExp, MongoKind])[] = [
  [/\.dropDatabase\s*\(/, 'drop-database'],
  [/\.(drop|dropCollection)\s*\(/, 'drop-collection'],
  [/\.dropIndex(es)?\s*\(/, 'write'],
  [/\.(deleteMany|remove)\s*\(\s*(\{\s*\}|\)|\{\s*_id\s*:\s*\{\s*\$exists\s*:\s*true\s*\}\s*\})/, 'delete-all'],
  [/\.(updateMany|update)\s*\(\s*\{\s*\}/, 'update-all'],
  [/\.(deleteMany|deleteOne|remove|findOneAndDelete|findAndModify|bulkWrite)\s*\(/, 'delete'],
  [/\.(dropUser|dropAllUsers|dropRole|dropAllRoles|createUser|updateUser|grantRolesToUser|changeUserPassword)\s*\(/, 'privilege'],
  [/\b(shutdownServer|fsyncLock|adminCommand\s*\(\s*\{\s*(shutdown|setParameter|replSetReconfig))/, 'privilege'],
  [/\.(insert\w*|update\w*|replaceOne|createCollection|createIndex\w*|renameCollection|save|aggregate\s*\([\s\S]*\$(out|merge))\s*\(?/, 'write'],
];

/** The worst thing a mongo shell script does, with the collection it names. */
export function classifyMongo(text: string): { kind: MongoKind; object?: string; text: string } {
  const code = text.replace(/\/\/[^\n]*/g, ' ');
  let worst: { kind: MongoKind; object?: string; text: string } = { kind: 'read', text: short(code.trim()) };
  const rank: Record<MongoKind, number> = { 'drop-database': 7, 'drop-collection': 6, 'delete-all': 6, 'update-all': 5, privilege: 4, delete: 3, write: 2, read: 0 };
  for (const [re, kind] of MONGO_PATTERNS) {
    const m = re.exec(code);
    if (!m || rank[kind] <= rank[worst.kind]) continue;
    const before = code.slice(Math.max(0, m.index - 80), m.index);
    const coll = /(?:db\.getCollection\(\s*["']([^"']+)["']\s*\)|db\.getSiblingDB\(\s*["']([^"']+)["']\s*\)|db\.([A-Za-z_][\w-]*)|(db))\s*$/.exec(before);
    worst = { kind, object: coll ? (coll[1] ?? coll[2] ?? coll[3] ?? 'current database') : undefined, text: short(code.slice(Math.max(0, m.index - 40), m.index + 40).trim()) };
  }
  return worst;
}
