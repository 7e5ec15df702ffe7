import { describe, expect, it } from 'vitest';
import { describeBlastRadius, measureBlastRadius } from '../../src/core/blast-radius.js';
import { memoryProbe, WORKSPACE } from './fixtures.js';

const W = WORKSPACE;
const files = { [`${W}/build/a.js`]: 100, [`${W}/build/b.js`]: 50, [`${W}/build/sub/c.map`]: 10, [`${W}/src/index.ts`]: 5, ['/tmp/other/x']: 7 };

describe('blast radius', () => {
  it('counts files and bytes, tracked vs lost', () => {
    const b = measureBlastRadius([`${W}/build`], memoryProbe(files, [`${W}/build/a.js`]), [W]);
    expect(b).toMatchObject({ files: 3, bytes: 160, tracked: 1, untracked: 2, outsideWorkspace: 0, truncated: false });
  });

  it('counts what lies outside the workspace', () => {
    const b = measureBlastRadius([`${W}/src`, '/tmp/other'], memoryProbe(files), [W]);
    expect(b).toMatchObject({ files: 2, outsideWorkspace: 1 });
  });

  it('stops at the budget and says "at least"', () => {
    let t = 0;
    const b = measureBlastRadius([`${W}/build`], memoryProbe(files, [], () => (t += 30)), [W], 50);
    expect(b.truncated).toBe(true);
    expect(describeBlastRadius(b)).toMatch(/^at least \d+ file/);
  });

  it('ignores paths that do not exist', () => {
    expect(measureBlastRadius([`${W}/nope`], memoryProbe(files), [W]).files).toBe(0);
  });
});
