import type { MaintainResult } from './maintain-result.js';

function table(header: string[], rows: Array<Array<string | number>>): string {
  const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The step summary: each task's result and the storage used against the limit. */
export function maintainSummary(result: MaintainResult): string {
  const parts = [
    `## Database maintenance${result.dryRun ? ' (dry run: nothing changed)' : ''}`,
    `Database \`${result.database}\`, tasks: ${result.tasks.join(', ')}.`,
  ];
  if (result.restored) {
    parts.push(
      '### Restore',
      table(
        [
          'collection',
          'documents',
          result.dryRun ? 'would insert' : 'inserted',
          result.dryRun ? 'would replace' : 'replaced',
          'unchanged',
        ],
        result.restored.map((row) => [
          row.collection,
          row.documents,
          row.inserted,
          row.replaced,
          row.unchanged,
        ]),
      ),
    );
  }
  if (result.indexes) {
    const { created, extra, present } = result.indexes;
    parts.push(
      '### Indexes',
      `${present} declared indexes present, ${created.length} ${result.dryRun ? 'missing' : 'created'}${created.length ? `: ${created.join(', ')}` : ''}.`,
      extra.length ? `Not declared (kept): ${extra.join(', ')}.` : 'No undeclared indexes.',
    );
  }
  if (result.backup) {
    const where = result.backup.artifact
      ? `artifact \`${result.backup.artifact}\``
      : `folder \`${result.backup.dir}\``;
    parts.push(
      '### Backup',
      `${result.backup.count} documents in ${where} (restore instructions in its RESTORE.md).`,
      table(
        ['collection', 'documents'],
        result.backup.collections.map((row) => [row.collection, row.documents]),
      ),
    );
  }
  if (result.exported) {
    const where = result.exported.artifact
      ? `artifact \`${result.exported.artifact}\``
      : `folder \`${result.exported.dir}\``;
    parts.push('### Export', `${result.exported.count} properties in ${where}.`);
  }
  if (result.tasks.includes('retention')) {
    parts.push(
      '### Retention',
      result.retention.length === 0
        ? 'Every retention period is 0: nothing deleted.'
        : table(
            [
              'collection',
              'older than',
              'old rows',
              result.dryRun ? 'deleted (dry run)' : 'deleted',
            ],
            result.retention.map((row) => [row.collection, row.before, row.old, row.deleted]),
          ),
    );
  }
  const { usedMb, limitMb, share } = result.storage;
  parts.push(
    '### Storage',
    usedMb === null
      ? `Not measured (the server does not answer dbStats); limit ${limitMb} MB.`
      : `${usedMb} MB of ${limitMb} MB (${Math.round((share ?? 0) * 100)} %)${(share ?? 0) > 0.8 ? ' — **above 80 %**' : ''}.`,
    table(
      ['collection', 'documents', 'bytes'],
      result.storage.collections.map((row) => [row.name, row.documents, row.bytes ?? '?']),
    ),
  );
  return `${parts.join('\n\n')}\n`;
}
