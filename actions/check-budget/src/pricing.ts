import { ConfigurationError } from '../../../shared/errors.js';
import type { Usage } from '../../../shared/model/usage.js';
import type { RateCard } from './rate-card.js';

/** Rounds dollars to a millionth, so sums of many small costs stay stable. */
export function roundMicros(dollars: number): number {
  return Math.round(dollars * 1e6) / 1e6;
}

/** A service as the usage records name it (`proxy`, `captcha`, ...). */
export type Service = Usage['service'];

/** One priced line of a run's cost: a service, or a runner type for Actions minutes. */
export interface CostLine {
  service: Service;
  /** What was consumed: the service, or the runner type (`Linux 2-core`). */
  item: string;
  unit: Usage['unit'];
  quantity: number;
  /** Dollars per `per` units, as the rate card states it. */
  price: number;
  per: number;
  /** Dollars. */
  cost: number;
}

/** Sums usage per service and prices it; consumption the card cannot price is an error naming it. */
export function priceUsage(records: Iterable<Usage>, card: RateCard): CostLine[] {
  const totals = new Map<Service, { unit: Usage['unit']; quantity: number }>();
  for (const record of records) {
    const total = totals.get(record.service) ?? { unit: record.unit, quantity: 0 };
    if (total.unit !== record.unit) {
      throw new ConfigurationError(
        `usage of ${record.service} comes in both ${total.unit} and ${record.unit} (from ${record.action}, shard ${record.shard}); expected one unit per service`,
      );
    }
    total.quantity += record.quantity;
    totals.set(record.service, total);
  }
  const lines: CostLine[] = [];
  for (const [service, { unit, quantity }] of totals) {
    const entry = card.usage[service];
    if (!entry) {
      throw new ConfigurationError(
        `input 'rate-card': usage.${service}: expected a price, the run consumed ${quantity} ${unit} of ${service}`,
      );
    }
    if (entry.unit !== unit) {
      throw new ConfigurationError(
        `input 'rate-card': usage.${service}.unit: expected '${unit}' (the unit the run metered), got '${entry.unit}'`,
      );
    }
    const cost = roundMicros((quantity / entry.per) * entry.price);
    lines.push({
      service,
      item: service,
      unit,
      quantity,
      price: entry.price,
      per: entry.per,
      cost,
    });
  }
  return lines;
}

/** Total dollars of some lines. */
export function totalCost(lines: Iterable<{ cost: number }>): number {
  let total = 0;
  for (const line of lines) total += line.cost;
  return total;
}
