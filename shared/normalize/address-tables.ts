/**
 * Lookup tables for US address normalisation, written from USPS Publication 28 (appendix C2
 * secondary unit designators) and its state abbreviations; street suffixes are in
 * `street-suffixes.ts`. Tables are text: one entry per line, the standard form first.
 */

/** `standard spelling spelling ...` lines -> map of every spelling (standard included) to standard. */
export function spellingTable(text: string): ReadonlyMap<string, string> {
  const entries = text
    .trim()
    .split('\n')
    .flatMap((line) => {
      const [standard = '', ...spellings] = line.trim().split(/\s+/);
      return [standard, ...spellings].map((spelling): [string, string] => [spelling, standard]);
    });
  return new Map(entries);
}

/** Directional words and their abbreviations. */
export const DIRECTIONALS = spellingTable(`
  N NORTH
  S SOUTH
  E EAST
  W WEST
  NE NORTHEAST
  NW NORTHWEST
  SE SOUTHEAST
  SW SOUTHWEST
`);

/** Unit designators followed by an identifier (`APT 5`, `STE 100`, `SPC 12`, `# 5`). */
export const UNIT_DESIGNATORS = spellingTable(`
  #
  APT APARTMENT
  BLDG BUILDING
  DEPT DEPARTMENT
  FL FLOOR
  HNGR HANGAR
  LOT
  PIER
  RM ROOM
  SLIP
  SPC SPACE
  STOP
  STE SUITE
  TRLR TRAILER
  UNIT
`);

/** Unit designators that stand alone, without an identifier (`REAR`, `UPPER`). */
export const BARE_UNITS = spellingTable(`
  BSMT BASEMENT
  FRNT FRONT
  LBBY LOBBY
  LOWR LOWER
  OFC OFFICE
  PH PENTHOUSE
  REAR
  SIDE
  UPPR UPPER
`);

/** USPS state abbreviations (with DC and territories) -> themselves; Arizona also spelled out. */
export const STATES: ReadonlyMap<string, string> = new Map([
  ...`AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH
      NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP`
    .split(/\s+/)
    .map((code): [string, string] => [code, code]),
  ['ARIZONA', 'AZ'],
]);
