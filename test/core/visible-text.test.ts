// The panel's rendering helpers: hidden characters become ⟨U+XXXX⟩ markers, nothing is dropped.
import { describe, expect, it } from 'vitest';
import { formatCountdown, revealHidden, revealSegments, shouldFold } from '../../src/webview/visible-text.js';

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
