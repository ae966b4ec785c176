import type { FolderFile } from '../../../shared/model/folder-manifest.js';

/** What `RESTORE.md` describes. */
export interface RestoreGuideInput {
  database: string;
  /** The backup artifact's name. */
  artifactName: string;
  /** The collection files of the backup. */
  files: readonly FolderFile[];
  /** Whether the data files are encrypted with `backup-passphrase` (`<file>.enc`). */
  encrypted: boolean;
  /** Days GitHub keeps the artifact. */
  retentionDays: number;
}

function encryptionSection(input: RestoreGuideInput): string {
  if (!input.encrypted) {
    return `This backup is not encrypted: keep it where only people allowed to see owner names and
mailing addresses can download it.

`;
  }
  return `## Encrypted

Each collection file is encrypted with the \`backup-passphrase\` secret and named \`<file>.enc\`:
the bytes \`PHXENC\`, version byte 1, a 16-byte scrypt salt (N 2^15, r 8, p 1, 32-byte key), a
12-byte nonce, the AES-256-GCM ciphertext and its 16-byte tag (the 35 header bytes are the
additional authenticated data). Without the passphrase nothing here can be read. The restore
task opens every file before it writes anything; a wrong passphrase fails with nothing written.
To get the plain files (for mongoimport), run the restore task with \`dry-run: true\` on the
downloaded folder: it decrypts each \`<file>.enc\` into \`<file>\` beside it and writes nothing.

`;
}

/**
 * `RESTORE.md` of a backup: what it holds and two exact ways back, this action's `restore` task
 * and `mongoimport`. The connection string is never written: commands read `$MONGODB_URI`.
 */
export function restoreGuide(input: RestoreGuideInput): string {
  const rows = input.files
    .filter((file) => file.collection !== null)
    .map((file) => `| ${file.collection} | \`${file.path}\` | ${file.records} |`);
  const imports = input.files
    .filter((file) => file.collection !== null)
    .map((file) => {
      const plain = file.path.replace(/\.gz$/, '');
      return `gunzip -k ${file.path}\nmongoimport --uri "$MONGODB_URI" --db ${input.database} --collection ${file.collection} --mode upsert --file ${plain}`;
    });
  return `# Restoring backup \`${input.artifactName}\`

Database \`${input.database}\`, one gzip NDJSON file per collection: one document per line in
MongoDB Extended JSON v2, canonical mode, so dates, ObjectIds and number types come back as they
were. \`backup-manifest.json\` holds each file's document count and sha256, \`indexes.json\`
the indexes of every collection.

| collection | file | documents |
| --- | --- | --- |
${rows.join('\n')}

${encryptionSection(input)}A restore upserts every document by \`_id\`: documents missing from the database are inserted,
documents with the same \`_id\` are replaced by the backed-up version, and nothing is deleted.
Running it twice gives the same database as running it once.

## With the maintain-db action (checks every sha256 before writing)

\`\`\`yaml
- uses: ./actions/maintain-db
  with:
    mongodb-uri: \${{ secrets.MONGODB_URI }}
    database: ${input.database}
    tasks: restore
    restore-from: ${input.artifactName}${input.encrypted ? '\n    backup-passphrase: ${{ secrets.ARTIFACT_PASSPHRASE }}' : ''}
\`\`\`

\`restore-from\` names an artifact of the same workflow run. For a backup of an earlier run,
download it first (\`actions/download-artifact\` with \`name\`, \`run-id\` and \`github-token\`,
into a folder of the workspace) and pass that folder as \`restore-from\`. Set \`dry-run: true\`
to see how many documents would be inserted and replaced without writing.

## With mongoimport (MongoDB Database Tools)

Check the files first: \`sha256sum\` of each must equal its \`sha256\` in \`backup-manifest.json\`.
\`mongoimport\` reads one Extended JSON document per line and, with \`--mode upsert\`, replaces
documents matching on \`_id\` and inserts the rest. It does not read gzip, so unpack first.
It does not create indexes: run this action with \`tasks: indexes\` afterwards (or create the
ones in \`indexes.json\` by hand). If the connection string already names a database,
leave \`--db\` out and make sure it names \`${input.database}\`. Field names hold no \`$\` or \`.\` (the pipeline
replaces them before storing), which mongoimport could not read back.

\`\`\`sh
${imports.join('\n')}
\`\`\`

## How long backups are kept

The backup is a workflow artifact kept ${input.retentionDays} days (the \`retention-days\` input; the
repository's artifact retention setting caps it). Download a copy to keep it longer.
`;
}
