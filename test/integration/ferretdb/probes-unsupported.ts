import { accepts, acceptsAny, type Probe } from './probe-context.js';

const stage =
  (stageSpec: object): Probe =>
  ({ properties }) =>
    accepts(() => properties.aggregate([stageSpec]).toArray());

/**
 * Probes for the rows marked `no` where FerretDB answers with an error; each resolves true only
 * on MongoDB's result.
 */
export const UNSUPPORTED_PROBES: Record<string, Probe> = {
  'multi-document transactions': async ({ client, properties }) => {
    const session = client.startSession();
    try {
      return await accepts(() =>
        session.withTransaction(() => properties.insertOne({ apn: 'N-1' }, { session })),
      );
    } finally {
      await session.endSession();
    }
  },
  'change streams': async ({ properties }) => {
    const stream = properties.watch();
    try {
      return await accepts(() => stream.tryNext());
    } finally {
      await stream.close();
    }
  },
  '`$lookup`': stage({
    $lookup: { from: 'listings', localField: 'apn', foreignField: 'apn', as: 'listings' },
  }),
  '`$merge`': stage({ $merge: { into: 'merged' } }),
  '`$out`': stage({ $out: 'copied' }),
  '`$facet`': stage({ $facet: { all: [{ $count: 'n' }] } }),
  '`$setWindowFields`': stage({
    $setWindowFields: { sortBy: { price: 1 }, output: { rank: { $rank: {} } } },
  }),
  '`$bucket` and `$bucketAuto`': ({ properties }) =>
    acceptsAny(
      () =>
        properties
          .aggregate([{ $bucket: { groupBy: '$price', boundaries: [0, 100, 1000] } }])
          .toArray(),
      () => properties.aggregate([{ $bucketAuto: { groupBy: '$price', buckets: 2 } }]).toArray(),
    ),
  '`$replaceRoot`, `$sample`, `$sortByCount`, `$unionWith`, `$graphLookup`': ({ properties }) =>
    acceptsAny(
      ...[
        { $replaceRoot: { newRoot: { zip: '$zip' } } },
        { $sample: { size: 1 } },
        { $sortByCount: '$zip' },
        { $unionWith: 'listings' },
        {
          $graphLookup: {
            from: 'listings',
            startWith: '$apn',
            connectFromField: 'apn',
            connectToField: 'apn',
            as: 'g',
          },
        },
      ].map((spec) => () => properties.aggregate([spec]).toArray()),
    ),
  '`$avg` accumulator': stage({ $group: { _id: '$zip', average: { $avg: '$price' } } }),
  '`$min`, `$max`, `$first`, `$last`, `$push`, `$addToSet` accumulators': ({ properties }) =>
    acceptsAny(
      ...['$min', '$max', '$first', '$last', '$push', '$addToSet'].map(
        (accumulator) => () =>
          properties
            .aggregate([{ $group: { _id: '$zip', value: { [accumulator]: '$price' } } }])
            .toArray(),
      ),
    ),
  '`$expr` in a query or `$match`': ({ properties }) =>
    acceptsAny(
      () => properties.find({ $expr: { $gt: ['$price', 60] } }).toArray(),
      () => properties.aggregate([{ $match: { $expr: { $gt: ['$price', 60] } } }]).toArray(),
    ),
  'expression operators (`$multiply`, `$concat`, `$cond`, `$ifNull`, `$toLower`, `$size`)': ({
    properties,
  }) =>
    acceptsAny(
      ...[
        { $multiply: ['$price', 2] },
        { $concat: ['$zip', '-'] },
        { $cond: [{ $gt: ['$price', 60] }, 'high', 'low'] },
        { $ifNull: ['$soldAt', 0] },
        { $toLower: '$apn' },
        { $size: '$tags' },
      ].map(
        (expression) => () => properties.aggregate([{ $project: { value: expression } }]).toArray(),
      ),
    ),
  '`$dateToString`': stage({
    $project: { day: { $dateToString: { format: '%Y-%m-%d', date: '$listedAt' } } },
  }),
  'update with an aggregation pipeline': ({ properties }) =>
    accepts(() => properties.updateOne({ _id: 1 }, [{ $set: { priceCopy: '$price' } }])),
  '`arrayFilters`': ({ properties }) =>
    accepts(() =>
      properties.updateOne(
        { _id: 1 },
        { $set: { 'rooms.$[room].sqft': 50 } },
        { arrayFilters: [{ 'room.kind': 'bath' }] },
      ),
    ),
  'positional `$` update': ({ properties }) =>
    accepts(() =>
      properties.updateOne({ _id: 1, 'rooms.kind': 'bath' }, { $set: { 'rooms.$.sqft': 50 } }),
    ),
  'projection `$slice` and `$elemMatch`': ({ properties }) =>
    acceptsAny(
      () => properties.find({}, { projection: { tags: { $slice: 1 } } }).toArray(),
      () =>
        properties.find({}, { projection: { rooms: { $elemMatch: { kind: 'bed' } } } }).toArray(),
    ),
  collation: ({ properties }) =>
    acceptsAny(
      () => properties.find({ apn: 'a-1' }, { collation: { locale: 'en', strength: 2 } }).toArray(),
      () => properties.createIndex({ apn: 1 }, { collation: { locale: 'en', strength: 2 } }),
    ),
  'text indexes and `$text`': ({ properties }) =>
    acceptsAny(
      () => properties.createIndex({ apn: 'text' }),
      () => properties.find({ $text: { $search: 'pool' } }).toArray(),
    ),
  'TTL indexes (`expireAfterSeconds`)': ({ properties }) =>
    accepts(() => properties.createIndex({ listedAt: 1 }, { expireAfterSeconds: 3600 })),
  'partial indexes': ({ properties }) =>
    accepts(() =>
      properties.createIndex({ price: 1 }, { partialFilterExpression: { price: { $gt: 60 } } }),
    ),
  'hashed and `2dsphere` indexes': ({ properties }) =>
    acceptsAny(
      () => properties.createIndex({ zip: 'hashed' }),
      () => properties.createIndex({ location: '2dsphere' }),
    ),
  'wildcard indexes (`$**`)': ({ properties }) =>
    accepts(() => properties.createIndex({ '$**': 1 })),
  '`$jsonSchema` validators': ({ db }) =>
    accepts(() =>
      db.createCollection('validated', { validator: { $jsonSchema: { required: ['apn'] } } }),
    ),
  'time series collections': ({ db }) =>
    accepts(() => db.createCollection('readings', { timeseries: { timeField: 'at' } })),
  'field names containing `.`': ({ properties }) =>
    accepts(() => properties.insertOne({ 'owner.name': 'x' })),
};
