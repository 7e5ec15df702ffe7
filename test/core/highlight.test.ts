// Display-only highlighting of a command: tokens by kind, and the text always round-trips.
import { describe, expect, it } from 'vitest';
import { tokenize, type TokenKind } from '../../src/webview/highlight.js';

const kinds = (s: string) => tokenize(s).filter((t) => t.kind !== 'space').map((t) => [t.kind, t.text] as [TokenKind, string]);

describe('tokenize (display only)', () => {
  const cases: { input: string; want: [TokenKind, string][] }[] = [
    { input: 'rm -rf build', want: [['program', 'rm'], ['flag', '-rf'], ['text', 'build']] },
    { input: 'git push --force origin main', want: [['program', 'git'], ['text', 'push'], ['flag', '--force'], ['text', 'origin'], ['text', 'main']] },
    { input: `echo 'a b' "c $d"`, want: [['program', 'echo'], ['string', "'a b'"], ['string', '"c $d"']] },
    { input: 'ls && cat x | grep y', want: [['program', 'ls'], ['operator', '&&'], ['program', 'cat'], ['text', 'x'], ['operator', '|'], ['program', 'grep'], ['text', 'y']] },
    { input: 'sudo rm -r /', want: [['program', 'sudo'], ['program', 'rm'], ['flag', '-r'], ['text', '/']] },
    { input: 'FOO=1 make > out.log', want: [['variable', 'FOO=1'], ['program', 'make'], ['operator', '>'], ['text', 'out.log']] },
    { input: 'echo $HOME ${X}', want: [['program', 'echo'], ['variable', '$HOME'], ['variable', '${X}']] },
    { input: 'echo $(cat .token)', want: [['program', 'echo'], ['operator', '$('], ['program', 'cat'], ['text', '.token'], ['operator', ')']] },
    { input: 'ls # list', want: [['program', 'ls'], ['comment', '# list']] },
    { input: `echo 'unclosed`, want: [['program', 'echo'], ['string', "'unclosed"]] },
  ];
  for (const c of cases) it(c.input, () => expect(kinds(c.input)).toEqual(c.want));

  const roundTrip = [
    'curl -X POST https://x/y -H "Authorization: Bearer $(cat .t)" -d \'{"q":"m"}\'',
    'a\\ b "c\\"d" ${ e $ & | ;; { } ( ) \n next',
    '<img src=x onerror=alert(1)><script>alert(2)</script>',
    '', '$', '"', '\\', 'x\u200By',
  ];
  for (const s of roundTrip) it(`keeps every character: ${JSON.stringify(s)}`, () => expect(tokenize(s).map((t) => t.text).join('')).toBe(s));
});
