import { describe, expect, it } from 'vitest';
import { makePattern, patternCovers, suggestPrefix, validatePrefix } from '../../../src/core/policy/session-pattern.js';
import { assessCommand } from '../fixtures.js';

describe('session patterns', () => {
  it('suggests all but the last word', () => {
    expect(suggestPrefix('rm -rf build/cache')).toBe('rm -rf ');
    expect(suggestPrefix('make')).toBe('make');
  });

  it.each([
    ['rm -rf build/cache', 'rm -rf build/', undefined],
    ['rm -rf build/cache', 'rm', /at least one argument/],
    ['rm -rf build/cache', 'rm -rf src/', /start of the command/],
    ['rm -rf build/cache; ls', 'rm -rf build/cache; ', /may not contain/],
    ['rm -rf ~', 'rm -rf ', /one at a time/],
  ])('approving %s with %j', async (command, prefix, why) => {
    const error = validatePrefix(prefix, await assessCommand(command));
    if (why === undefined) expect(error).toBeUndefined();
    else expect(error).toMatch(why);
  });

  it.each([
    ['rm -rf build/other', true],
    ['rm -rf build/x && rm -rf ~', false],
    ['rm -rf build/$(echo x)', false],
    ['rm -rf build/../../..', false],
    ['rm -rf src', false],
  ])('an approval of "rm -rf build/" covers %s: %s', async (later, covered) => {
    const pattern = makePattern('rm -rf build/', await assessCommand('rm -rf build/cache'));
    expect(patternCovers(pattern, await assessCommand(later))).toBe(covered);
  });

  it('never covers a command that fires a rule the approved one did not', async () => {
    const pattern = makePattern('git push origin ', await assessCommand('git push origin feature/x'));
    expect(patternCovers(pattern, await assessCommand('git push origin feature/y'))).toBe(true);
    expect(patternCovers(pattern, await assessCommand('git push origin --force main'))).toBe(false);
  });
});
