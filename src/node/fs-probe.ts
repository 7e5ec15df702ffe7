// The real filesystem behind the blast-radius probe: lstat (never follows links), readdir, and
// `git ls-files` to tell tracked files (recoverable) from untracked or ignored ones (lost).
import { execFileSync } from 'node:child_process';
import { lstatSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { minimatch } from 'minimatch';
import type { FsProbe, ProbeEntry } from '../core/blast-radius.js';

export function createFsProbe(): FsProbe {
  return {
    stat(path): ProbeEntry | undefined {
      try {
        const s = lstatSync(path);
        const type = s.isDirectory() ? 'dir' : s.isFile() ? 'file' : s.isSymbolicLink() ? 'symlink' : 'other';
        return { type, size: s.size };
      } catch {
        return undefined;
      }
    },
    list(dir) {
      try {
        return readdirSync(dir);
      } catch {
        return [];
      }
    },
    tracked(path) {
      const s = this.stat(path);
      const dir = s?.type === 'dir' ? path : dirname(path);
      try {
        const out = execFileSync('git', ['-C', dir, 'ls-files', '-z', '--', s?.type === 'dir' ? '.' : path], {
          encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 2000, maxBuffer: 64 * 1024 * 1024,
        });
        return new Set(out.split('\0').filter(Boolean).map((p) => join(dir, p)));
      } catch {
        return undefined;
      }
    },
    glob(pattern) {
      // Expand only the last segment; deeper globs are rare in delete commands and reported unmeasured.
      const dir = dirname(pattern);
      if (/[*?[]/.test(dir)) return undefined;
      const base = pattern.slice(dir.length + 1);
      return this.list(dir).filter((n) => minimatch(n, base, { dot: base.startsWith('.') })).map((n) => join(dir, n));
    },
    readText(path, maxBytes) {
      try {
        const s = statSync(path);
        return s.isFile() && s.size <= maxBytes ? readFileSync(path, 'utf8') : undefined;
      } catch {
        return undefined;
      }
    },
    now: () => performance.now(),
  };
}
