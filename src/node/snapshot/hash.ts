// Content hashes for snapshot entries: small files in one read, larger ones streamed so they
// never sit in memory whole.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';

const STREAM_FROM = 1024 * 1024;

/** sha256 and length of a file; `size` (when known) picks the cheaper way: one read below 1 MiB, a stream above. */
export async function hashFile(path: string, size = STREAM_FROM): Promise<{ sha256: string; size: number }> {
  const h = createHash('sha256');
  if (size < STREAM_FROM) {
    const content = await readFile(path);
    return { sha256: h.update(content).digest('hex'), size: content.length };
  }
  let length = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: STREAM_FROM })) {
    h.update(chunk as Buffer);
    length += (chunk as Buffer).length;
  }
  return { sha256: h.digest('hex'), size: length };
}

export const sha256File = async (path: string, size?: number): Promise<string> => (await hashFile(path, size)).sha256;

export const sha256Text = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');
