/** Streaming NDJSON files (one JSON record per line, gzip by `.gz`): the stages' data format. */
export {
  isGzipPath,
  JsonLine,
  openNdjsonWriter,
  type NdjsonFileSummary,
  type NdjsonWriter,
} from './ndjson-writer.js';
export { describeIssues, readNdjson } from './ndjson-reader.js';
