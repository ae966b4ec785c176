/**
 * Cities, towns and communities of Maricopa County, longest first so that `SUN CITY WEST` wins
 * over `SUN CITY`. The county's `PropertyAddress` has no comma before the city
 * ("15817 W LISBON LN SURPRISE 85379"), so the city is found by name at the end of the line.
 */
export const MARICOPA_PLACES: readonly string[] = `
  AGUILA
  AHWATUKEE
  ANTHEM
  APACHE JUNCTION
  ARLINGTON
  AVONDALE
  BUCKEYE
  CAREFREE
  CAVE CREEK
  CHANDLER
  EL MIRAGE
  FORT MCDOWELL
  FOUNTAIN HILLS
  GILA BEND
  GILBERT
  GLENDALE
  GOODYEAR
  GUADALUPE
  HIGLEY
  LAVEEN
  LITCHFIELD PARK
  MESA
  MORRISTOWN
  NEW RIVER
  PALO VERDE
  PARADISE VALLEY
  PEORIA
  PHOENIX
  QUEEN CREEK
  RIO VERDE
  SCOTTSDALE
  SUN CITY
  SUN CITY WEST
  SUN LAKES
  SURPRISE
  TEMPE
  TOLLESON
  TONOPAH
  TORTILLA FLAT
  WADDELL
  WICKENBURG
  WITTMANN
  YOUNGTOWN
`
  .trim()
  .split('\n')
  .map((place) => place.trim())
  .sort((a, b) => b.length - a.length || a.localeCompare(b));
