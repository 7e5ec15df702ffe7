// Reads the command corpus (test/corpus/*.jsonl) shared by the corpus test and the benchmark.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AssessContext } from '../../src/core/context.js';

export interface CorpusEntry {
  readonly family: string;
  readonly line: number;
  readonly command: string;
  readonly expect: 'low' | 'medium' | 'high' | 'critical';
  readonly tags: readonly string[];
  readonly context?: Partial<AssessContext>;
}

export function loadCorpus(dir: string): CorpusEntry[] {
  const out: CorpusEntry[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    const family = file.replace(/\.jsonl$/, '');
    readFileSync(join(dir, file), 'utf8').split('\n').forEach((text, i) => {
      if (!text.trim()) return;
      const v = JSON.parse(text) as Omit<CorpusEntry, 'family' | 'line'>;
      out.push({ family, line: i + 1, command: v.command, expect: v.expect, tags: v.tags ?? [], context: v.context });
    });
  }
  return out;
}
