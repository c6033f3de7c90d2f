import { describe, expect, it } from 'vitest';
import { placeOfGeolocation } from '@/lib/providers/vastai/geolocation';
import { gpuModelOf } from '@/lib/providers/vastai/gpu-names';

describe('Vast.ai geolocation strings as places', () => {
  it.each([
    ['Quebec, CA', 'North America', 'Canada-East', 'CA', 'Quebec'],
    ['Quebec,CA', 'North America', 'Canada-East', 'CA', 'Quebec'],
    ['British Columbia, CA', 'North America', 'Canada-West', 'CA', 'British Columbia'],
    [', CA', 'North America', 'Canada', 'CA', null],
    [', US', 'US', 'US', 'US', null],
    ['US', 'US', 'US', 'US', null],
    ['New York, US', 'US', 'US-East', 'US', 'New York'],
    ['Minnesota, US', 'US', 'US-Central', 'US', 'Minnesota'],
    ['Washington, US', 'US', 'US-West', 'US', 'Washington'],
    ['The Netherlands, NL', 'EU', 'EU-West', 'NL', null],
    ['Zeeland, NL', 'EU', 'EU-West', 'NL', 'Zeeland'],
    ['Türkiye, TR', 'Middle East', 'Middle East', 'TR', null],
    ['Hong Kong, HK', 'Asia', 'Asia-East', 'HK', null],
    ['United Kingdom, GB', 'EU', 'EU-West', 'GB', null],
    ['St.-Petersburg, RU', 'EU', 'EU-East', 'RU', 'St.-Petersburg'],
    ['Kazakhstan, KZ', 'Asia', 'Asia-Central', 'KZ', null],
    ['Panama, PA', 'North America', 'Central America', 'PA', null],
    ['Ecuador, EC', 'South America', 'South America-West', 'EC', null],
    ['Egypt, EG', 'Africa', 'Africa-North', 'EG', null],
    ['New Zealand, NZ', 'Oceania', 'New Zealand', 'NZ', null],
    ['  Texas ,  us ', 'US', 'US-Central', 'US', 'Texas'],
  ])('%j is %s / %s', (geolocation, region, location, country, city) => {
    expect(placeOfGeolocation(geolocation)).toEqual({ region, location, country, city });
  });

  it.each([[null], [undefined], [''], ['Somewhere'], ['Texas, USA'], ['Atlantis, ZZ'], [', ']])(
    '%j is kept in the Unknown region',
    (geolocation) => {
      expect(placeOfGeolocation(geolocation)).toEqual({
        region: 'Unknown',
        location: 'Unknown',
        country: null,
        city: null,
      });
    },
  );
});

describe('Vast.ai GPU names as our models', () => {
  it.each([
    ['A100 SXM4', 81920, 'A100 80GB'],
    ['A100 SXM4', 40960, 'A100 40GB'],
    ['A100 PCIE', 81920, 'A100 80GB'],
    ['A100 PCIE', 40960, 'A100 40GB'],
    ['A100X', 81920, 'A100 80GB'],
    ['H100 SXM', 81559, 'H100'],
    ['H100 PCIE', 81559, 'H100'],
    ['H100 NVL', 95830, 'H100 NVL'],
    ['RTX 4070S Ti', 16376, 'RTX 4070 Ti SUPER'],
    ['RTX 4070S', 12282, 'RTX 4070 SUPER'],
    ['RTX 4080S', 16376, 'RTX 4080 SUPER'],
    ['RTX 2060S', 8192, 'RTX 2060 SUPER'],
    ['RTX 2070S', 8192, 'RTX 2070 SUPER'],
    ['RTX 2080S', 8192, 'RTX 2080 SUPER'],
    ['GTX 1660 S', 6144, 'GTX 1660 SUPER'],
    ['RTX 6000Ada', 49140, 'RTX 6000 Ada'],
    ['RTX 5000Ada', 32760, 'RTX 5000 Ada'],
    ['RTX 4000Ada', 20475, 'RTX 4000 Ada'],
    ['Q RTX 6000', 24576, 'Quadro RTX 6000'],
    ['Q RTX 5000', 16384, 'Quadro RTX 5000'],
    ['Tesla V100', 16384, 'V100'],
    ['Tesla T4', 15360, 'T4'],
    ['Tesla P100', 16384, 'P100'],
    ['RTX 3060 laptop', 6144, 'RTX 3060 Laptop'],
  ])('%s with %i MB is %s', (name, mb, model) => {
    expect(gpuModelOf(name, Math.round(mb / 1024))).toBe(model);
  });

  it.each([
    'RTX 3090',
    'RTX 4090',
    'RTX 3060 Ti',
    'RTX 3080 Ti',
    'RTX 4070 Ti',
    'RTX 3090 Ti',
    'GTX 1660 Ti',
    'RTX A4000',
    'RTX A5000',
    'RTX A6000',
    'A40',
    'A30',
    'A10',
    'L4',
    'L40',
    'L40S',
    'Titan V',
    'Titan Xp',
    'GTX 1070 Ti',
    'GTX 1080 Ti',
    'Quadro K2200',
    'GTX 1070-4-2',
    'RTX 5090',
    'H200',
  ])('keeps %s as it is', (name) => {
    expect(gpuModelOf(name, 24)).toBe(name);
  });

  it('trims an unknown name and never returns an empty one', () => {
    expect(gpuModelOf('  Radeon   Pro W7900 ', 48)).toBe('Radeon Pro W7900');
    expect(gpuModelOf('   ', 8)).toBe('Unknown GPU');
  });
});
