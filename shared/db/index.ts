/** The pipeline's MongoDB: collections and document shapes, indexes, connection, run ledger. */
export * from './collections.js';
export * from './connect.js';
export * from './database-input.js';
export * from './database-name.js';
export * from './indexes.js';
export * from './runs.js';
export * from './schema.js';
export * from './sanitize.js';
export * from './store-state.js';
