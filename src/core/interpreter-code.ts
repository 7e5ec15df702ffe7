// The code an interpreter runs from its command line (python -c, node -e, perl -e, php -r, pwsh -Command,
// piped code and heredocs), and the effects found in it. Shared by the interpreter rules, which judge the
// code, and the script follower, which hands the commands the code starts (`execSync('git push …')`) to the
// full engine.
import { decodedPayloads, scanCode, type Language } from './code-scan.js';
import { INTERPRETERS } from './programs.js';
import type { CommandView } from './rules/rule.js';
import { literalStdin } from './shell/unwrap.js';
import { decodeBase64, decodeBase64Utf16, decodeHex } from './snippet.js';

export interface Code { readonly text: string; readonly literal: boolean; readonly from: string }

/** How each language starts a shell command, for decoded payloads that are command lines. */
const SYSTEM_CALL: Record<Language, string> = { python: 'os.system', node: "require('child_process').execSync", perl: 'system', ruby: 'system', php: 'system', powershell: 'Invoke-Expression' };

/** The effects in the code, including those of payloads it decodes (`system(pack("H*", "…"))`). */
export function codeEffects(text: string, lang: Language): ReturnType<typeof scanCode> {
  const payloads = decodedPayloads(text, { base64: decodeBase64, hex: decodeHex });
  const extra = payloads.map((p) => (/^[\w./-]+\s+-/.test(p) ? `${SYSTEM_CALL[lang]}(${JSON.stringify(p)})` : p));
  return scanCode(extra.length ? `${text}\n${extra.join('\n')}` : text, lang);
}

/** Inline code on the line, 'stdin' when the interpreter reads its code from standard input, undefined for a script file. */
export function inlineCode(v: CommandView, lang: Language): Code[] | 'stdin' | undefined {
  const out: Code[] = [];
  const args = v.args;
  const words = v.words;
  const prog = v.program;
  let script = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const next = () => (i + 1 < args.length ? { text: args[i + 1]!, literal: words[i + 1]!.literal } : undefined);
    if (a === '--') break;
    if (lang === 'python') {
      if (/^-[A-Za-z]*c$/.test(a)) { const n = next(); if (n) out.push({ ...n, from: `${prog} -c` }); break; }
      if (a === '-m') { script = true; break; }
      if (a === '-W' || a === '-X' || a === '-Q') { i++; continue; }
    } else if (lang === 'node') {
      if (prog === 'deno' && i === 0 && a === 'eval') { const n = next(); if (n) out.push({ ...n, from: 'deno eval' }); break; }
      if ((prog === 'deno' || prog === 'bun') && i === 0 && !a.startsWith('-')) { script = true; break; }
      if (a === '-e' || a === '--eval' || a === '-p' || a === '--print') { const n = next(); if (n) out.push({ ...n, from: `${prog} ${a}` }); i++; continue; }
      if (/^--(eval|print)=/.test(a)) { out.push({ text: a.slice(a.indexOf('=') + 1), literal: words[i]!.literal, from: `${prog} --eval` }); continue; }
      if (a === '-r' || a === '--require' || a === '--import' || a === '--loader' || a === '--input-type') { i++; continue; }
    } else if (lang === 'perl' || lang === 'ruby') {
      if (/^-[A-Za-z0-9]*[eE]$/.test(a)) {
        const n = next(); if (n) out.push({ ...n, from: `${prog} ${a}` }); i++; continue;
      }
      if (a === '-I' || a === '-M' || a === '-r' || a === '-C' || a === '-x') { i++; continue; }
    } else if (lang === 'php') {
      if (a === '-r') { const n = next(); if (n) out.push({ ...n, from: 'php -r' }); i++; continue; }
      if (a === '-d' || a === '-c' || a === '-z') { i++; continue; }
    } else if (lang === 'powershell') {
      const low = a.toLowerCase();
      if (/^-(c|command)$/.test(low)) {
        const rest = words.slice(i + 1);
        out.push({ text: rest.map((w) => w.text).join(' '), literal: rest.every((w) => w.literal), from: `${prog} -Command` });
        break;
      }
      if (/^-(e|ec|en|enc|encodedcommand|encoded)$/.test(low)) {
        const n = next();
        const decoded = n ? decodeBase64Utf16(n.text) : undefined;
        out.push({ text: decoded ?? n?.text ?? '', literal: decoded !== undefined, from: `${prog} -EncodedCommand` });
        break;
      }
      if (/^-(f|file)$/.test(low)) { script = true; break; }
      if (/^-(executionpolicy|ep|ex|windowstyle|w|workingdirectory|wd|configurationname|outputformat|of|inputformat|if|version|v|psconsolefile|settingsfile)$/.test(low)) { i++; continue; }
      if (low.startsWith('-')) continue;
      const rest = words.slice(i);
      out.push({ text: rest.map((w) => w.text).join(' '), literal: rest.every((w) => w.literal), from: prog });
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      if (a === '-') break;
      script = true;
      break;
    }
  }
  if (out.length) return out;
  if (script) return undefined;
  return 'stdin';
}


/** Shell commands the interpreter's code starts with literal text (`execSync('git push origin main')`). */
export function startedCommands(v: CommandView): { command: string; via: string }[] {
  const lang = INTERPRETERS[v.program];
  if (!lang) return [];
  const inline = inlineCode(v, lang);
  const lit = inline === 'stdin' ? literalStdin(v.cmd.stdin) : undefined;
  const codes: Code[] = inline === 'stdin' ? (lit ? [{ ...lit, from: `${v.program} reading code` }] : []) : inline ?? [];
  const out: { command: string; via: string }[] = [];
  for (const c of codes) {
    if (!c.literal) continue;
    for (const e of codeEffects(c.text, lang)) if (e.kind === 'exec' && e.command) out.push({ command: e.command, via: `${c.from} ${e.api}` });
  }
  return out.slice(0, 8);
}
