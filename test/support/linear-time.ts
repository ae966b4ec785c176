/**
 * Checks that a parser of untrusted text runs in time linear in its input. The baseline is the
 * same parser on a short, normal string, measured in the same process: its cost per character
 * times the length of the long input. A parser is reported only when it is slower than that by
 * orders of magnitude (`FACTOR`), so a noisy machine cannot fail it, while a quadratic pattern
 * (seconds on 20 kB, minutes on 200 kB) always does. Lengths are tried in turn and the first
 * that is too slow ends the check, so a regression fails in seconds instead of hanging.
 */

/** How much slower than linear a parser may be before it is reported. */
export const FACTOR = 50;
/** A floor under every budget: timer resolution, a garbage collection, the first compile. */
export const FLOOR_MS = 100;
/** The lengths tried, shortest first. */
export const LENGTHS = [20_000, 200_000] as const;

/** A parser of untrusted text and a short string of the kind it normally reads. */
export interface ParserUnderTest {
  name: string;
  parse: (text: string) => unknown;
  normal: string;
}

/** Long adversarial strings of about `length` characters, by name. */
export function adversarialInputs(length: number): Record<string, string> {
  const half = Math.floor(length / 2);
  return {
    'digits without a terminator': `${'9'.repeat(length)}x`,
    '$ and digits': `$${'9'.repeat(length)}Kx`,
    '"1," repeated': '1,'.repeat(half),
    '"1." repeated': `${'1.'.repeat(half)}x`,
    'spaces between words': `x${' '.repeat(length)}x`,
    'spaces after a figure': `1${' '.repeat(length)}x`,
    'spaces after an amount': `hoa $1${' '.repeat(length)}x`,
    'one long word': 'a'.repeat(length),
    '"a-" repeated': 'a-'.repeat(half),
    '"pool " repeated': 'pool '.repeat(Math.floor(length / 5)),
    colons: `${':'.repeat(length)}x`,
    '"a " repeated': 'a '.repeat(half),
    '"55" and spaces': `55${' '.repeat(length)}`,
    'a month and letters': `Nov${'a'.repeat(length)}`,
    '"1 full" without end': `1${' '.repeat(half)}ful`,
  };
}

function elapsedMs(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

/** The parser's cost per character on its normal input (ms), over about 200 kB of calls. */
export function costPerChar(parser: ParserUnderTest): number {
  const calls = Math.max(200, Math.ceil(200_000 / parser.normal.length));
  for (let i = 0; i < 20; i += 1) parser.parse(parser.normal);
  const total = elapsedMs(() => {
    for (let i = 0; i < calls; i += 1) parser.parse(parser.normal);
  });
  return total / (calls * parser.normal.length);
}

/** A parser that was too slow on one input. */
export interface SlowParse {
  parser: string;
  input: string;
  length: number;
  ms: number;
  budgetMs: number;
}

/**
 * Every parser on every adversarial input, at each length in turn: the parses slower than
 * `FACTOR` times linear (plus `FLOOR_MS`). Empty when all are linear.
 */
export function slowParses(parsers: readonly ParserUnderTest[]): SlowParse[] {
  const slow: SlowParse[] = [];
  for (const parser of parsers) {
    const perChar = costPerChar(parser);
    lengths: for (const length of LENGTHS) {
      for (const [input, text] of Object.entries(adversarialInputs(length))) {
        // The faster of two runs: a collection in one is no property of the parser.
        const ms = Math.min(
          elapsedMs(() => parser.parse(text)),
          elapsedMs(() => parser.parse(text)),
        );
        const budgetMs = FACTOR * perChar * text.length + FLOOR_MS;
        if (ms > budgetMs) {
          slow.push({ parser: parser.name, input, length: text.length, ms, budgetMs });
          break lengths;
        }
      }
    }
  }
  return slow;
}

/** One line per slow parse, for a failure message. */
export function describeSlow(slow: readonly SlowParse[]): string[] {
  return slow.map(
    (s) =>
      `${s.parser} on ${s.input} (${s.length} chars): ${Math.round(s.ms)} ms, linear budget ${Math.round(s.budgetMs)} ms`,
  );
}
