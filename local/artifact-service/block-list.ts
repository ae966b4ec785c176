import type { Readable } from 'node:stream';
import type { BlockListEntry } from './blob-store.js';
import { StorageError } from './storage-responses.js';

// 50,000 blocks (Azure's limit) of 64-byte ids fit well within this.
const bodyLimit = 16 << 20;

/**
 * Parses a Put Block List body: `<BlockList><Latest>id</Latest><Committed>..</Committed>...`,
 * keeping document order, which is the order of the blob's content.
 */
export async function parseBlockList(body: Readable): Promise<BlockListEntry[]> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > bodyLimit)
      throw new StorageError(413, 'RequestBodyTooLarge', 'block list too large');
    chunks.push(chunk);
  }
  const xml = Buffer.concat(chunks).toString('utf8');
  if (!/<BlockList\s*>/.test(xml)) {
    throw new StorageError(400, 'InvalidXmlDocument', 'expected a <BlockList> document');
  }
  const entries: BlockListEntry[] = [];
  for (const match of xml.matchAll(/<(Latest|Committed|Uncommitted)>\s*([^<]*?)\s*<\/\1>/g)) {
    const [, list, id] = match;
    if (list && id) entries.push({ list: list as BlockListEntry['list'], id });
  }
  return entries;
}
