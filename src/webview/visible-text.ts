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

export interface TextSegment {
  readonly text: string;
  /** True for a marker standing in for a hidden character. */
  readonly hidden: boolean;
}

/** The text split into plain runs and markers, in order; joining the `text`s gives `revealHidden(text)`. */
export function revealSegments(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  let plain = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (!isHiddenChar(cp)) {
      plain += ch;
      continue;
    }
    if (plain) out.push({ text: plain, hidden: false });
    plain = '';
    out.push({ text: marker(cp), hidden: true });
  }
  if (plain) out.push({ text: plain, hidden: false });
  return out;
}

export function revealHidden(text: string): string {
  return revealSegments(text).map((s) => s.text).join('');
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
