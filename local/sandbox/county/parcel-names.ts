/** Word lists the sandbox generator draws owners, materials and mailing addresses from. */

/** Owner surnames common in west Phoenix. */
export const SURNAMES = [
  'GARCIA',
  'MARTINEZ',
  'HERNANDEZ',
  'LOPEZ',
  'NGUYEN',
  'SMITH',
  'JOHNSON',
  'RAMIREZ',
  'TORRES',
  'FLORES',
  'WILLIAMS',
  'SANCHEZ',
  'RIVERA',
  'BROWN',
  'GONZALEZ',
  'PEREZ',
];
/** Given names and initials, as the county writes them after the surname. */
export const GIVEN = [
  'MARIA L',
  'JOSE A',
  'JUAN',
  'ROSA M',
  'DAVID',
  'LINDA K',
  'MIGUEL',
  'PATRICIA',
  'ROBERT J',
  'ANA',
];
/** Companies that own rentals in the valley. */
export const COMPANIES = [
  'PROGRESS RESIDENTIAL BORROWER 11 LLC',
  'SFR JV-2 PROPERTY LLC',
  'AMH 2014-2 BORROWER LLC',
  'VALLEY HOMES RENTALS LLC',
  'DESERT KEY PROPERTIES LLC',
  'OPENDOOR PROPERTY J LLC',
];
/** Exterior wall codes as served. */
export const WALLS = [
  'Fs - Frame Stucco',
  'Bs - 8" Painted Stucco',
  'Bl - Block',
  'Fw - Frame Wood',
];
/** Roof codes as served ("" when none recorded). */
export const ROOFS = ['Bu - Built Up', 'As - Asphalt Shingle', 'Ct - Concrete Tile', ''];
/** Locational factors, weighted: most parcels have none. */
export const FACTORS = [[], [], [], [], [], ['Corner'], ['MajInter'], ['Greenbelt']] as const;
/** Mailing addresses of owners who do not live at the parcel: line, city, state, ZIP. */
export const MAIL_ELSEWHERE = [
  ['PO BOX 4090', 'SCOTTSDALE', 'AZ', '85261'],
  ['1131 W WARNER RD STE 102', 'TEMPE', 'AZ', '85284'],
  ['5001 PLAZA ON THE LAKE', 'AUSTIN', 'TX', '78746'],
  ['23975 PARK SORRENTO STE 300', 'CALABASAS', 'CA', '91302'],
] as const;
