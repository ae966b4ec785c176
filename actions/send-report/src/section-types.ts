import type { KpiLevel } from './kpis.js';

/** A table cell: text, optionally coloured by a KPI level or linking somewhere. */
export type Cell = string | { text: string; level?: KpiLevel; url?: string };

/** A table of a section. */
export interface Table {
  columns: string[];
  rows: Cell[][];
}

/** One part of the report, rendered alike as HTML, text and Markdown. */
export interface Section {
  heading: string;
  /** Sentences or `label: value` lines. */
  lines: string[];
  tables: Table[];
  /** Ids of the charts shown in this section. */
  charts: string[];
}

/** A section with the given parts; the rest empty. */
export const section = (heading: string, parts: Partial<Section>): Section => ({
  heading,
  lines: [],
  tables: [],
  charts: [],
  ...parts,
});
