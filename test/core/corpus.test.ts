// Every corpus line must come out at its expected risk with its required tags.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assessCommand } from './fixtures.js';
import { loadCorpus } from './corpus-loader.js';

const corpus = loadCorpus(join(__dirname, '..', 'corpus'));

describe('corpus', () => {
  it('has enough commands to benchmark', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
  });

  it.each(corpus.map((e) => [`${e.family}:${e.line} ${e.command.slice(0, 80)}`, e] as const))('%s', async (_n, e) => {
    const a = await assessCommand(e.command, e.context);
    const detail = `${a.risk} [${a.tags.join(',')}] ${a.rules.map((r) => r.id).join(',')} — ${a.summary}`;
    expect(a.risk, detail).toBe(e.expect);
    for (const t of e.tags) expect(a.tags, detail).toContain(t);
  });
});
