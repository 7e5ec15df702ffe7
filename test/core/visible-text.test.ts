// The panel's rendering helpers: hidden characters become ⟨U+XXXX⟩ markers, nothing is dropped.
import { describe, expect, it } from 'vitest';
import { formatCountdown, lookalikeOf, revealAll, revealHidden, revealSegments, shouldFold } from '../../src/webview/visible-text.js';

describe('revealHidden', () => {
  const cases: { name: string; input: string; want: string }[] = [
    { name: 'plain ASCII is unchanged', input: 'rm -rf build', want: 'rm -rf build' },
    { name: 'newlines and tabs stay layout', input: 'a\tb\nc', want: 'a\tb\nc' },
    { name: 'zero-width space', input: 'rm\u200B -rf /', want: 'rm⟨U+200B⟩ -rf /' },
    { name: 'zero-width joiner and BOM', input: '\uFEFFgit\u200D push', want: '⟨U+FEFF⟩git⟨U+200D⟩ push' },
    { name: 'right-to-left override (Trojan Source)', input: 'echo "\u202Eevil\u202C"', want: 'echo "⟨U+202E⟩evil⟨U+202C⟩"' },
    { name: 'bidi isolates', input: '\u2066x\u2069', want: '⟨U+2066⟩x⟨U+2069⟩' },
    { name: 'carriage return and escape', input: 'ok\r\u001b[2K', want: 'ok⟨U+000D⟩⟨U+001B⟩[2K' },
    { name: 'no-break and ideographic spaces look like spaces', input: 'rm\u00A0-rf\u3000/', want: 'rm⟨U+00A0⟩-rf⟨U+3000⟩/' },
    { name: 'soft hyphen', input: 'r\u00ADm', want: 'r⟨U+00AD⟩m' },
    { name: 'tag characters (astral)', input: 'ls\u{E0041}', want: 'ls⟨U+E0041⟩' },
    { name: 'visible non-ASCII stays as it is', input: 'echo héllo 🙂', want: 'echo héllo 🙂' },
  ];
  for (const c of cases) it(c.name, () => expect(revealHidden(c.input)).toBe(c.want));

  it('marks markers as hidden segments and keeps every visible character', () => {
    expect(revealSegments('a\u200Bb')).toEqual([
      { text: 'a', hidden: false },
      { text: '⟨U+200B⟩', hidden: true },
      { text: 'b', hidden: false },
    ]);
  });
});

describe('shouldFold and formatCountdown', () => {
  it('folds long or many-line commands only', () => {
    expect(shouldFold('rm -rf build')).toBe(false);
    expect(shouldFold('x'.repeat(601))).toBe(true);
    expect(shouldFold(Array(13).fill('echo').join('\n'))).toBe(true);
  });
  it('formats minutes and seconds, never negative', () => {
    expect(formatCountdown(300_000)).toBe('5:00');
    expect(formatCountdown(61_001)).toBe('1:02');
    expect(formatCountdown(-5)).toBe('0:00');
  });
});

describe('look-alike characters', () => {
  const cases: { name: string; input: string; want: string; looksLike: string[] }[] = [
    { name: 'Cyrillic с in curl', input: '\u0441url', want: 'с⟨U+0441⟩url', looksLike: ['c'] },
    { name: 'Cyrillic а е о р х у', input: '\u0430\u0435\u043E\u0440\u0445\u0443', want: 'а⟨U+0430⟩е⟨U+0435⟩о⟨U+043E⟩р⟨U+0440⟩х⟨U+0445⟩у⟨U+0443⟩', looksLike: ['a', 'e', 'o', 'p', 'x', 'y'] },
    { name: 'Cyrillic і ѕ ј', input: 'g\u0456t \u0455sh \u0458q', want: 'gі⟨U+0456⟩t ѕ⟨U+0455⟩sh ј⟨U+0458⟩q', looksLike: ['i', 's', 'j'] },
    { name: 'Greek ο α ν ρ', input: '\u03BF\u03B1\u03BD\u03C1', want: 'ο⟨U+03BF⟩α⟨U+03B1⟩ν⟨U+03BD⟩ρ⟨U+03C1⟩', looksLike: ['o', 'a', 'v', 'p'] },
    { name: 'Cyrillic capitals', input: '\u0410\u0421', want: 'А⟨U+0410⟩С⟨U+0421⟩', looksLike: ['A', 'C'] },
    { name: 'fullwidth rm and slash', input: '\uFF52\uFF4D -rf \uFF0F', want: 'ｒ⟨U+FF52⟩ｍ⟨U+FF4D⟩ -rf ／⟨U+FF0F⟩', looksLike: ['r', 'm', '/'] },
    { name: 'fullwidth range ends', input: '\uFF01\uFF5E', want: '！⟨U+FF01⟩～⟨U+FF5E⟩', looksLike: ['!', '~'] },
    { name: 'outside the fullwidth range', input: '\uFF00\uFF5F', want: '\uFF00\uFF5F', looksLike: [] },
    { name: 'ASCII and other letters unflagged', input: 'curl héllo ж λ 🙂', want: 'curl héllo ж λ 🙂', looksLike: [] },
    { name: 'with a hidden character next to it', input: '\u0441\u200Burl', want: 'с⟨U+0441⟩⟨U+200B⟩url', looksLike: ['c'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(revealAll(c.input)).toBe(c.want);
      expect(revealSegments(c.input).flatMap((s) => (s.lookalike ? [s.lookalike.looksLike] : []))).toEqual(c.looksLike);
      // revealHidden keeps look-alikes as they are (only hidden characters become markers)
      expect(revealHidden(c.input)).toBe(c.input.replace('\u200B', '⟨U+200B⟩'));
    });
  }
  it('a look-alike is its own segment with its marker', () => {
    expect(revealSegments('x\u0430y')).toEqual([
      { text: 'x', hidden: false },
      { text: 'а', hidden: false, lookalike: { codePoint: 0x430, looksLike: 'a', marker: '⟨U+0430⟩' } },
      { text: 'y', hidden: false },
    ]);
  });
  it('lookalikeOf is undefined for ASCII', () => expect(lookalikeOf(0x61)).toBeUndefined());
});
