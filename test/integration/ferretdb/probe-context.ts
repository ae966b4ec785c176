import type { Collection, Db, Decimal128, MongoClient, ObjectId } from 'mongodb';

/** A property as the probes store it. */
export interface PropertyDocument {
  _id?: number | ObjectId;
  apn?: string;
  zip?: string;
  price?: number | Decimal128;
  tags?: string[];
  rooms?: Array<{ kind: string; sqft: number }>;
  listedAt?: Date;
  // Fields single probes add.
  firstSeen?: string;
  checkedAt?: Date;
  parcel?: string;
  soldAt?: Date;
  priceCopy?: number;
  location?: unknown;
  'owner.name'?: string;
}

/** What a probe works on: a fresh `properties` collection holding `SAMPLE_PROPERTIES`. */
export interface ProbeContext {
  client: MongoClient;
  db: Db;
  properties: Collection<PropertyDocument>;
}

/**
 * Exercises one feature: resolves true when the result is MongoDB's, false when it differs
 * (a silently wrong result), and throws when the server rejects the feature.
 */
export type Probe = (context: ProbeContext) => Promise<boolean>;

/** Three properties in two zip codes; prices 100 + 300 in 85001 and 50 in 85002. */
export const SAMPLE_PROPERTIES: readonly PropertyDocument[] = [
  {
    _id: 1,
    apn: 'A-1',
    zip: '85001',
    price: 100,
    tags: ['pool', 'garage'],
    rooms: [
      { kind: 'bed', sqft: 120 },
      { kind: 'bath', sqft: 40 },
    ],
    listedAt: new Date('2024-01-02T03:04:05Z'),
  },
  {
    _id: 2,
    apn: 'A-2',
    zip: '85001',
    price: 300,
    tags: ['pool'],
    rooms: [{ kind: 'bed', sqft: 200 }],
    listedAt: new Date('2024-02-03T00:00:00Z'),
  },
  {
    _id: 3,
    apn: 'A-3',
    zip: '85002',
    price: 50,
    tags: [],
    rooms: [],
    listedAt: new Date('2024-03-04T00:00:00Z'),
  },
];

/** Runs every operation; true as soon as one is accepted, else throws all their errors as one. */
export async function acceptsAny(...operations: Array<() => Promise<unknown>>): Promise<boolean> {
  const messages: string[] = [];
  for (const operation of operations) {
    try {
      await operation();
      return true;
    } catch (error) {
      messages.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    }
  }
  throw new Error(messages.join('\n'));
}

/** True when the operation is accepted; its error propagates otherwise. */
export async function accepts(operation: () => Promise<unknown>): Promise<boolean> {
  await operation();
  return true;
}
