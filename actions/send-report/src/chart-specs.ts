import type { TopLevelSpec } from 'vega-lite';

// DejaVu Sans is the font the rasteriser has; white keeps the PNG readable in dark-mode mail.
const CONFIG = { font: 'DejaVu Sans', view: { stroke: null }, background: 'white' };

/** What every chart shares: the schema, size, look and data. */
const frame = (title: string, values: object[]) =>
  ({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 420,
    height: 200,
    config: CONFIG,
    data: { values },
  }) as const;

/** A bar chart of `values`, `x` nominal, `y` quantitative, optionally coloured by a field. */
export function bar(
  title: string,
  values: object[],
  x: string,
  y: string,
  color?: string,
): TopLevelSpec {
  return {
    ...frame(title, values),
    mark: { type: 'bar', tooltip: false },
    encoding: {
      x: { field: x, type: 'nominal', axis: { labelAngle: 0 }, sort: null },
      y: { field: y, type: 'quantitative' },
      ...(color ? { color: { field: color, type: 'nominal' } } : {}),
    },
  };
}

/** A line over run dates. */
export function line(title: string, values: object[], x: string, y: string): TopLevelSpec {
  return {
    ...frame(title, values),
    mark: { type: 'line', point: true },
    encoding: {
      x: {
        field: x,
        type: 'temporal',
        timeUnit: 'utcyearmonthdate',
        title: 'run date (UTC)',
        axis: { format: '%b %d', tickCount: { interval: 'day' } },
      },
      y: { field: y, type: 'quantitative' },
    },
  } as TopLevelSpec;
}

/** Median list price by week, one line per ZIP. */
export function trendLine(values: object[]): TopLevelSpec {
  return {
    ...frame('Median list price of new listings by week', values),
    mark: { type: 'line', point: true },
    encoding: {
      x: {
        field: 'week',
        type: 'temporal',
        timeUnit: 'utcyearmonthdate',
        title: 'week listed',
        axis: { format: '%b %d' },
      },
      y: { field: 'median price', type: 'quantitative' },
      color: { field: 'zip', type: 'nominal' },
    },
  };
}
