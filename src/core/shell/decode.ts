// Decoding pipelines whose output is fixed by the line itself: `echo cm0gLXJmIH4= | base64 -d`,
// `printf '\\x72\\x6d'`, `echo … | rev`. The unwrapper and the walker use them to see the command a decoder
// hands to a shell or substitutes into a word; the execution rules use them to name what was hidden.
import { decodeBase64, decodeEscapes, decodeHex, rot13 } from '../snippet.js';
import type { SimpleCommand } from './command.js';

export const DECODER_PROGRAMS = new Set(['base64', 'base32', 'basenc', 'xxd', 'openssl', 'gunzip', 'zcat', 'gzip', 'bzip2', 'bunzip2', 'bzcat', 'xz', 'unxz', 'xzcat',
  'zstd', 'unzstd', 'zstdcat', 'lz4', 'brotli', 'uudecode', 'rev', 'tr', 'certutil', 'gpg', 'openssl', 'unzip', 'funzip', 'tac']);
/** The producers feeding a command's stdin, nearest first. */
export function upstream(cmd: SimpleCommand): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  let cur = cmd.stdin?.kind === 'pipe' ? cmd.stdin.from : undefined;
  while (cur && out.length < 12) {
    out.push(cur);
    cur = cur.stdin?.kind === 'pipe' ? cur.stdin.from : undefined;
  }
  return out;
}

export function isDecoder(c: SimpleCommand): boolean {
  const a = c.args.map((w) => w.text);
  switch (c.program) {
    case 'base64': case 'base32': case 'basenc': return a.some((x) => x === '-d' || x === '-D' || x === '--decode' || /^-[a-zA-Z]*d/.test(x));
    case 'xxd': return a.some((x) => /^-[a-zA-Z]*r/.test(x));
    case 'openssl': return a.some((x) => x === 'base64' || x === 'enc' || x === '-d' || x === '-base64' || x === '-a');
    case 'gzip': case 'bzip2': case 'xz': case 'zstd': case 'lz4': case 'brotli': return a.some((x) => x === '-d' || x === '--decompress' || /^-[a-zA-Z]*d/.test(x));
    case 'tr': case 'rev': case 'tac': return true;
    case 'printf': return a.some((x) => /\\(x[0-9a-f]|[0-7]{3}|u[0-9a-f]{4})/i.test(x));
    case 'echo': return a.some((x) => /^-[a-zA-Z]*e/.test(x)) && a.some((x) => /\\(x[0-9a-f]|[0-7]{3})/i.test(x));
    case 'certutil': return a.some((x) => /^[-/]decode/i.test(x));
    default: return DECODER_PROGRAMS.has(c.program) && !['tr', 'rev'].includes(c.program);
  }
}

/** Tries to recover what a decode pipeline produces: `echo … | base64 -d | rev`. */
export function decodePipeline(chain: readonly SimpleCommand[]): string | undefined {
  // chain is nearest-first; walk from the head (furthest producer) towards the consumer.
  const stages = [...chain].reverse();
  const head = stages[0];
  if (!head) return undefined;
  let text: string | undefined;
  if (head.program === 'echo' || head.program === 'printf') {
    const words = head.args.filter((w, i) => !(i === 0 && /^-[neE]+$/.test(w.text)));
    if (!words.every((w) => w.literal)) return undefined;
    text = words.map((w) => w.text).join(head.program === 'echo' ? ' ' : '');
    if (head.program === 'printf' || head.args.some((w) => /^-[a-zA-Z]*e/.test(w.text))) text = decodeEscapes(text);
  } else if (head.stdin?.kind === 'document' && head.stdin.literal && (head.program === 'cat' || DECODER_PROGRAMS.has(head.program))) {
    text = head.stdin.text;
    if (head.program !== 'cat') return applyStage(head, text);
  } else return undefined;
  for (const s of stages.slice(1)) {
    if (text === undefined) return undefined;
    text = applyStage(s, text);
  }
  return text;
}

function applyStage(s: SimpleCommand, text: string): string | undefined {
  const a = s.args.map((w) => w.text);
  switch (s.program) {
    case 'base64': case 'basenc': case 'openssl': return decodeBase64(text);
    case 'xxd': return decodeHex(text);
    case 'rev': return text.split('\n').map((l) => [...l].reverse().join('')).join('\n');
    case 'tac': return text.split('\n').reverse().join('\n');
    case 'tr': {
      const sets = a.filter((x) => !x.startsWith('-'));
      if (sets.length === 2 && /n-za-m/i.test(sets[1]!) && /a-z/i.test(sets[0]!)) return rot13(text);
      if (sets.length === 2 && sets[0]!.length === sets[1]!.length && !sets[0]!.includes('-')) {
        let out = '';
        for (const ch of text) { const i = sets[0]!.indexOf(ch); out += i >= 0 ? sets[1]![i] : ch; }
        return out;
      }
      return undefined;
    }
    case 'cat': case 'tee': return text;
    case 'printf': case 'echo': return decodeEscapes(text);
    default: return undefined;
  }
}

