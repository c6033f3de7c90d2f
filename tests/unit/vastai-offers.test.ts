import { describe, expect, it } from 'vitest';
import { vastaiSnapshotOf } from '@/lib/providers/vastai/map-offers';
import { readFixture } from '../support/vastai-fixtures';

describe('Vast.ai offers as market offers', () => {
  const snapshot = vastaiSnapshotOf(readFixture('search-offers.json'));
  const offer = (id: number) =>
    snapshot.offers.find((candidate) => candidate.externalId === String(id));

  it('keeps every offer of the answer and publishes no observed rentals', () => {
    expect(snapshot.offers.map((o) => o.externalId)).toEqual(
      Array.from({ length: 13 }, (_, i) => String(1001 + i)),
    );
    expect(snapshot.observedRentals).toEqual([]);
  });

  it('maps one offer in full: min_bid is the spot price, dph_total the on-demand price', () => {
    expect(offer(1001)).toEqual({
      externalId: '1001',
      gpuModel: 'RTX 4090',
      gpuCount: 1,
      vramGb: 24,
      spotPricePerHour: 0.3,
      onDemandPricePerHour: 0.4514,
      available: true,
      availableCount: 1,
      providerReliability: 0.99,
      region: 'US',
      location: 'US-West',
      country: 'US',
      city: 'California',
    });
  });

  it('keeps whole-machine prices and the GPU count of multi-GPU offers', () => {
    expect(offer(1002)).toMatchObject({
      gpuCount: 4,
      vramGb: 24,
      spotPricePerHour: 0.8,
      onDemandPricePerHour: 1.2056,
    });
    expect(offer(1005)).toMatchObject({
      gpuCount: 8,
      spotPricePerHour: 14,
      onDemandPricePerHour: 21.6028,
    });
  });

  it.each([
    [1003, 'A100 SXM4', 81920, 'A100 80GB', 80],
    [1004, 'A100 PCIE', 40960, 'A100 40GB', 40],
    [1012, 'A100X', 81920, 'A100 80GB', 80],
    [1005, 'H100 SXM', 81559, 'H100', 80],
    [1006, 'H100 PCIE', 81559, 'H100', 80],
    [1007, 'H100 NVL', 95830, 'H100 NVL', 94],
    [1008, 'RTX 4070S Ti', 16376, 'RTX 4070 Ti SUPER', 16],
    [1009, 'RTX 6000Ada', 49140, 'RTX 6000 Ada', 48],
    [1010, 'Q RTX 6000', 24576, 'Quadro RTX 6000', 24],
    [1011, 'GTX 1660 S', 6144, 'GTX 1660 SUPER', 6],
  ])('offer %i: %s with %i MB per GPU is %s with %i GB', (id, _name, _mb, model, vramGb) => {
    expect(offer(id)).toMatchObject({ gpuModel: model, vramGb });
  });

  it.each([
    [1001, 'California, US', 'US', 'US-West', 'US', 'California'],
    [1002, 'Texas, US', 'US', 'US-Central', 'US', 'Texas'],
    [1005, 'Virginia, US', 'US', 'US-East', 'US', 'Virginia'],
    [1012, 'Georgia, US (the state)', 'US', 'US-East', 'US', 'Georgia'],
    [1003, ', US (no area)', 'US', 'US', 'US', null],
    [1004, 'Quebec,CA (no space)', 'North America', 'Canada-East', 'CA', 'Quebec'],
    [1006, 'Alberta, CA', 'North America', 'Canada-West', 'CA', 'Alberta'],
    [1007, 'Norway, NO (the country named)', 'EU', 'EU-North', 'NO', null],
    [1008, 'Oman, OM', 'Middle East', 'Middle East', 'OM', null],
    [1009, 'Victoria, AU', 'Oceania', 'Australia', 'AU', 'Victoria'],
    [1010, 'JP (code only)', 'Asia', 'Asia-East', 'JP', null],
    [1011, 'São Paulo, BR', 'South America', 'South America-East', 'BR', 'São Paulo'],
    [1013, 'missing', 'Unknown', 'Unknown', null, null],
  ])('offer %i at %s is placed in %s / %s', (id, _form, region, location, country, city) => {
    expect(offer(id)).toMatchObject({ region, location, country, city });
  });

  it('marks offers that are not rentable, or already rented, as unavailable', () => {
    expect(offer(1011)).toMatchObject({ available: false, availableCount: 0 });
    expect(offer(1012)).toMatchObject({ available: false, availableCount: 0 });
  });

  it('keeps an offer without reliability2 with no provider reliability', () => {
    expect(offer(1013)).toMatchObject({ providerReliability: null, gpuModel: 'RTX 3060' });
  });

  it('reads the HTTP API form { "offers": [...] } the same as the CLI array', () => {
    const fromApi = vastaiSnapshotOf(readFixture('search-offers-api.json'));
    expect(fromApi.offers).toEqual(snapshot.offers.slice(0, 2));
  });
});
