/**
 * Where offers are: a region (what the product always had — US, EU, Asia — plus every other
 * part of the world) and a finer location inside it. Every ISO 3166 country has a region, so
 * no offer is dropped or filed under the wrong one.
 */
export const regions = [
  'US',
  'EU',
  'Asia',
  'North America',
  'South America',
  'Oceania',
  'Middle East',
  'Africa',
] as const;
export type Region = (typeof regions)[number];

export interface Place {
  region: Region;
  location: string;
  country: string | null;
  city: string | null;
}

// Country codes grouped by location; the location names the region it sits in.
const locationCountries: Record<string, { region: Region; countries: string }> = {
  'EU-West': { region: 'EU', countries: 'GB IE FR NL BE LU IM JE GG' },
  'EU-North': { region: 'EU', countries: 'SE NO FI DK IS EE LV LT FO AX SJ GL' },
  'EU-Central': { region: 'EU', countries: 'DE AT CH LI CZ PL SK HU SI' },
  'EU-South': { region: 'EU', countries: 'ES PT IT GR MT CY HR MK AL BA ME RS XK SM VA AD MC GI' },
  'EU-East': { region: 'EU', countries: 'RO BG UA BY MD RU' },
  'Canada-East': { region: 'North America', countries: '' },
  'Canada-West': { region: 'North America', countries: '' },
  Mexico: { region: 'North America', countries: 'MX' },
  'Central America': { region: 'North America', countries: 'PA CR GT HN SV NI BZ' },
  Caribbean: {
    region: 'North America',
    countries: 'CU DO HT JM PR BS BB TT AG DM GD KN LC VC AW CW SX BQ KY TC VG VI AI MS BM GP MQ BL MF PM',
  },
  'South America-East': { region: 'South America', countries: 'BR AR UY PY GY SR GF FK' },
  'South America-West': { region: 'South America', countries: 'CL PE EC CO VE BO' },
  'Asia-East': { region: 'Asia', countries: 'JP KR KP TW HK MO CN MN' },
  'Asia-Southeast': { region: 'Asia', countries: 'SG TH VN MY ID PH KH LA MM BN TL' },
  'Asia-South': { region: 'Asia', countries: 'IN PK BD LK NP BT MV AF' },
  'Asia-Central': { region: 'Asia', countries: 'KZ UZ KG TJ TM' },
  Caucasus: { region: 'Asia', countries: 'GE AM AZ' },
  'Middle East': {
    region: 'Middle East',
    countries: 'AE QA OM KW SA BH IL JO LB SY IQ IR YE PS TR',
  },
  Australia: { region: 'Oceania', countries: 'AU CX CC NF' },
  'New Zealand': { region: 'Oceania', countries: 'NZ CK NU TK' },
  'Pacific Islands': {
    region: 'Oceania',
    countries: 'FJ PG SB VU NC PF WS TO TV KI NR MH FM PW GU MP AS WF PN UM',
  },
  'Africa-North': { region: 'Africa', countries: 'EG MA DZ TN LY SD EH' },
  'Africa-West': {
    region: 'Africa',
    countries: 'NG GH CI SN ML BF NE GN SL LR TG BJ GM GW CV MR',
  },
  'Africa-East': {
    region: 'Africa',
    countries: 'KE ET TZ UG RW BI SO DJ ER SS MU SC KM MG RE YT MW ZM MZ',
  },
  'Africa-Central': { region: 'Africa', countries: 'CM CD CG GA GQ CF TD AO ST' },
  'Africa-South': { region: 'Africa', countries: 'ZA NA BW ZW LS SZ SH' },
  Antarctica: { region: 'Oceania', countries: 'AQ BV HM GS TF IO' },
};

const countryToLocation = new Map<string, string>();
for (const [location, { countries }] of Object.entries(locationCountries)) {
  for (const code of countries.split(' ').filter(Boolean)) countryToLocation.set(code, location);
}

const usStates: Record<string, 'US-East' | 'US-Central' | 'US-West'> = {};
const addStates = (location: 'US-East' | 'US-Central' | 'US-West', names: string) => {
  for (const name of names.split(',')) usStates[name.trim().toLowerCase()] = location;
};
addStates(
  'US-East',
  'Maine, New Hampshire, Vermont, Massachusetts, Rhode Island, Connecticut, New York, New Jersey, ' +
    'Pennsylvania, Delaware, Maryland, District of Columbia, Virginia, West Virginia, North Carolina, ' +
    'South Carolina, Georgia, Florida, Ohio, Michigan, Indiana, Kentucky, Tennessee',
);
addStates(
  'US-Central',
  'Wisconsin, Illinois, Minnesota, Iowa, Missouri, Arkansas, Louisiana, Mississippi, Alabama, Texas, ' +
    'Oklahoma, Kansas, Nebraska, South Dakota, North Dakota',
);
addStates(
  'US-West',
  'Washington, Oregon, California, Nevada, Idaho, Montana, Wyoming, Utah, Colorado, Arizona, ' +
    'New Mexico, Alaska, Hawaii',
);

const canadaWest = new Set(
  ['british columbia', 'alberta', 'saskatchewan', 'manitoba', 'yukon', 'northwest territories', 'nunavut'],
);

export const locations: readonly string[] = [
  'US-East',
  'US-Central',
  'US-West',
  'US',
  'Canada',
  ...Object.keys(locationCountries),
];

export function isKnownCountry(code: string): boolean {
  return code === 'US' || code === 'CA' || countryToLocation.has(code);
}

export function regionOfLocation(location: string): Region | undefined {
  if (location === 'US' || location.startsWith('US-')) return 'US';
  if (location === 'Canada') return 'North America';
  return locationCountries[location]?.region;
}

/**
 * Places a country (ISO 3166 alpha-2) and an optional area inside it (a US state, a Canadian
 * province, a city) in a region and location. Returns undefined for a code that is no country.
 */
export function placeOf(countryCode: string, area?: string | null): Place | undefined {
  const country = countryCode.trim().toUpperCase();
  const city = area?.trim() ? area.trim() : null;

  if (country === 'US') {
    const location = city ? usStates[city.toLowerCase()] : undefined;
    return { region: 'US', location: location ?? 'US', country, city };
  }
  if (country === 'CA') {
    if (!city) return { region: 'North America', location: 'Canada', country, city };
    const west = canadaWest.has(city.toLowerCase());
    return { region: 'North America', location: west ? 'Canada-West' : 'Canada-East', country, city };
  }

  const location = countryToLocation.get(country);
  if (!location) return undefined;
  const region = locationCountries[location]!.region;
  return { region, location, country, city };
}
