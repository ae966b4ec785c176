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
  /** Dollars charged: 0 for a service paid by a flat plan. */
  cost: number;
  /** False when a flat plan pays for it: `price` is what a metered plan would charge. */
  metered?: boolean;
}

/**
 * Sums usage per service and prices it in the unit the rate card names. A service metered in
 * several units (enrich-llm reports llm requests, tokens and minutes) is priced by the card's unit;
 * its other units are detail, not cost. Consumption the card cannot price is an error naming it.
 */
export function priceUsage(records: Iterable<Usage>, card: RateCard): CostLine[] {
  const totals = new Map<Service, Map<Usage['unit'], number>>();
  for (const record of records) {
    const units = totals.get(record.service) ?? new Map<Usage['unit'], number>();
    units.set(record.unit, (units.get(record.unit) ?? 0) + record.quantity);
    totals.set(record.service, units);
  }
  const lines: CostLine[] = [];
  for (const [service, units] of totals) {
    const metered = [...units].map(([unit, quantity]) => `${quantity} ${unit}`).join(', ');
    const entry = card.usage[service];
    if (!entry) {
      throw new ConfigurationError(
        `input 'rate-card': usage.${service}: expected a price, the run consumed ${metered} of ${service}`,
      );
    }
    const quantity = units.get(entry.unit);
    if (quantity === undefined) {
      const expected = [...units.keys()].map((unit) => `'${unit}'`).join(' or ');
      throw new ConfigurationError(
        `input 'rate-card': usage.${service}.unit: expected ${expected} (the units the run metered), got '${entry.unit}'`,
      );
    }
    // A flat plan (monthly) pays for unmetered consumption: priced for the summary, not charged.
    const cost = entry.metered ? roundMicros((quantity / entry.per) * entry.price) : 0;
    lines.push({
      service,
      item: service,
      unit: entry.unit,
      quantity,
      price: entry.price,
      per: entry.per,
      cost,
      metered: entry.metered,
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
