import { placeOf, unknownPlace, type Place } from '@/lib/market/regions';

const longNames = new Intl.DisplayNames(['en'], { type: 'region' });
const shortNames = new Intl.DisplayNames(['en'], { type: 'region', style: 'short' });

const plain = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/[^a-z]/g, '');

/** "Japan, JP" repeats the country where a city or state would be: there is no city to show. */
function namesTheCountry(area: string, country: string): boolean {
  const names = [longNames.of(country), shortNames.of(country)].filter(
    (name) => name !== undefined,
  );
  return names.map(plain).includes(plain(area));
}

/**
 * Places Vast.ai's `geolocation`, which comes as "City or State, CC", "CC", ", US" (no area) or
 * "Quebec,CA" (no space). The country code is what follows the last comma. An offer whose
 * geolocation is missing or unreadable is kept, in the Unknown region.
 */
export function placeOfGeolocation(geolocation: string | null | undefined): Place {
  const text = geolocation?.trim() ?? '';
  const comma = text.lastIndexOf(',');
  const code = (comma === -1 ? text : text.slice(comma + 1)).trim().toUpperCase();
  const area = comma === -1 ? '' : text.slice(0, comma).trim();
  if (!/^[A-Z]{2}$/.test(code)) return unknownPlace;

  const city = area && !namesTheCountry(area, code) ? area : null;
  return placeOf(code, city) ?? unknownPlace;
}
