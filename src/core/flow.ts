// Data flow between the commands of one script: which files an earlier command downloaded or wrote
// with known content, so that `curl -o x.sh URL && bash x.sh` or
// `cat > body.json <<EOF … EOF; curl -d @body.json …` can be judged as a whole.
//
// Rules only see one command at a time, in execution order, with the AssessContext of the
// assessment. The notes are kept per context object (a WeakMap, so nothing outlives it) and are
// bounded. If an adapter reuses one context for several assessments, a file downloaded by an
// earlier command is still remembered, which is the conservative reading.

export interface FileNote {
  /** Where the content came from: a URL for downloads, or the writing command. */
  readonly origin: string;
  readonly downloaded: boolean;
  /** The literal content when it is known (heredoc, echo, printf). */
  readonly content?: string;
}

const MAX_NOTES = 64;
const notes = new WeakMap<object, Map<string, FileNote>>();

export function noteFile(ctx: object, absPath: string, note: FileNote): void {
  let m = notes.get(ctx);
  if (!m) notes.set(ctx, (m = new Map()));
  if (m.size >= MAX_NOTES && !m.has(absPath)) m.delete(m.keys().next().value as string);
  m.set(absPath, note);
}

export function fileNote(ctx: object, absPath: string): FileNote | undefined {
  return notes.get(ctx)?.get(absPath);
}

/** Cheap check before any lookup: has anything been noted for this context? */
export function hasNotes(ctx: object): boolean {
  return (notes.get(ctx)?.size ?? 0) > 0;
}

/** Secrets read into a substitution earlier on the line (`d=$(env | base64)`, `$(cat .env)`): what they were. */
const secretReads = new WeakMap<object, string[]>();

export function noteSecretRead(ctx: object, what: string): void {
  const list = secretReads.get(ctx) ?? [];
  if (list.length < MAX_NOTES && !list.includes(what)) list.push(what);
  secretReads.set(ctx, list);
}

export function secretReadsOf(ctx: object): readonly string[] {
  return secretReads.get(ctx) ?? [];
}

/** Secret files staged with `git add` earlier on the line: a later push sends them. */
const committedSecrets = new WeakMap<object, string[]>();

export function noteCommittedSecret(ctx: object, file: string): void {
  const list = committedSecrets.get(ctx) ?? [];
  if (list.length < MAX_NOTES && !list.includes(file)) list.push(file);
  committedSecrets.set(ctx, list);
}

export function committedSecretsOf(ctx: object): readonly string[] {
  return committedSecrets.get(ctx) ?? [];
}
