// Makes characters a human cannot see (or cannot tell apart from a space) visible as ⟨U+XXXX⟩
// markers, so a command shown for approval hides nothing: zero-width characters, bidirectional
// controls (the "Trojan Source" family), control characters, odd spaces, variation selectors and tags.
// Newlines and tabs stay as they are; the panel shows them as layout.

const HIDDEN: readonly (readonly [number, number])[] = [
  [0x0000, 0x0008], [0x000b, 0x001f], [0x007f, 0x00a0], [0x00ad, 0x00ad], [0x034f, 0x034f],
  [0x061c, 0x061c], [0x115f, 0x1160], [0x1680, 0x1680], [0x17b4, 0x17b5], [0x180b, 0x180f],
  [0x2000, 0x200f], [0x2028, 0x202f], [0x205f, 0x206f], [0x3000, 0x3000], [0x3164, 0x3164],
  [0xfe00, 0xfe0f], [0xfeff, 0xfeff], [0xffa0, 0xffa0], [0xfff9, 0xfffb], [0x1d173, 0x1d17a],
  [0xe0000, 0xe007f], [0xe0100, 0xe01ef],
];

export function isHiddenChar(codePoint: number): boolean {
  return HIDDEN.some(([lo, hi]) => codePoint >= lo && codePoint <= hi);
}

export const marker = (codePoint: number): string => `⟨U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}⟩`;

// Look-alikes: letters from other scripts that a reader takes for ASCII (Cyrillic and Greek
// homoglyphs, fullwidth forms). They are kept as they are (they may be the point of a command, e.g.
// a Russian commit message) but flagged, so `сurl` with a Cyrillic с cannot pass for `curl`.
const LOOKALIKES: Readonly<Record<number, string>> = {
  // Cyrillic lower case
  0x0430: 'a', 0x0435: 'e', 0x043e: 'o', 0x0440: 'p', 0x0441: 'c', 0x0445: 'x', 0x0443: 'y',
  0x0456: 'i', 0x0455: 's', 0x0458: 'j', 0x04bb: 'h', 0x0501: 'd', 0x051b: 'q', 0x051d: 'w', 0x04cf: 'l',
  0x0457: 'i', 0x0475: 'v',
  // Cyrillic upper case
  0x0410: 'A', 0x0412: 'B', 0x0415: 'E', 0x041a: 'K', 0x041c: 'M', 0x041d: 'H', 0x041e: 'O', 0x0420: 'P',
  0x0421: 'C', 0x0422: 'T', 0x0425: 'X', 0x0423: 'Y', 0x0406: 'I', 0x0408: 'J', 0x0405: 'S', 0x04c0: 'I',
  0x051a: 'Q', 0x051c: 'W',
  // Greek lower case
  0x03bf: 'o', 0x03b1: 'a', 0x03bd: 'v', 0x03c1: 'p', 0x03b9: 'i', 0x03ba: 'k', 0x03c5: 'u',
  // Greek upper case
  0x0391: 'A', 0x0392: 'B', 0x0395: 'E', 0x0396: 'Z', 0x0397: 'H', 0x0399: 'I', 0x039a: 'K', 0x039c: 'M',
  0x039d: 'N', 0x039f: 'O', 0x03a1: 'P', 0x03a4: 'T', 0x03a5: 'Y', 0x03a7: 'X',
};

/** The ASCII character `codePoint` can pass for, or undefined when it is not a look-alike. */
export function lookalikeOf(codePoint: number): string | undefined {
  // Fullwidth ASCII variants U+FF01–U+FF5E sit at a fixed offset from U+0021–U+007E.
  if (codePoint >= 0xff01 && codePoint <= 0xff5e) return String.fromCharCode(codePoint - 0xfee0);
  return LOOKALIKES[codePoint];
}

export interface TextSegment {
  readonly text: string;
  /** True for a marker standing in for a hidden character. */
  readonly hidden: boolean;
  /** Set on a one-character segment that looks like an ASCII character but is not. */
  readonly lookalike?: { readonly codePoint: number; readonly looksLike: string; readonly marker: string };
}

/**
 * The text split into plain runs, markers and look-alike characters, in order; joining the `text`s
 * gives `revealHidden(text)` (look-alikes keep their own character; the panel adds their marker).
 */
export function revealSegments(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  let plain = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const looksLike = cp > 0x7f ? lookalikeOf(cp) : undefined;
    if (!isHiddenChar(cp) && looksLike === undefined) {
      plain += ch;
      continue;
    }
    if (plain) out.push({ text: plain, hidden: false });
    plain = '';
    if (looksLike !== undefined) out.push({ text: ch, hidden: false, lookalike: { codePoint: cp, looksLike, marker: marker(cp) } });
    else out.push({ text: marker(cp), hidden: true });
  }
  if (plain) out.push({ text: plain, hidden: false });
  return out;
}

export function revealHidden(text: string): string {
  return revealSegments(text).map((s) => s.text).join('');
}

/** Like revealHidden, with each look-alike followed by its marker: `сurl` → `с⟨U+0441⟩url`. */
export function revealAll(text: string): string {
  return revealSegments(text).map((s) => (s.lookalike ? s.text + s.lookalike.marker : s.text)).join('');
}

/** Where a long command is folded (it stays scrollable and one click shows it all). */
export function shouldFold(text: string): boolean {
  return text.length > 600 || text.split('\n').length > 12;
}

/** "4:05" for a number of milliseconds left (never negative). */
export function formatCountdown(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
