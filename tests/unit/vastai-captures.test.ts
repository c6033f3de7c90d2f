import { describe, expect, it } from 'vitest';
import { regionOfLocation } from '@/lib/market/regions';
import { ProviderError } from '@/lib/providers/types';
import { placeOfGeolocation } from '@/lib/providers/vastai/geolocation';
import { vastaiSnapshotOf } from '@/lib/providers/vastai/map-offers';
import { parseVastaiOffers } from '@/lib/providers/vastai/parse-offers';
import { capturesMissingNote, capturesPresent, readCapture } from '../support/vastai-fixtures';

const FULL_MARKET = 'vast-cli_search_offers_raw_2024-11-05_11ecdfa.json';
const needsCaptures = it.skipIf(!capturesPresent);

describe(`real Vast.ai captures${capturesMissingNote}`, () => {
  needsCaptures('keeps all 1,396 offers of the 2024-11-05 market, none dropped', () => {
    const bundles = parseVastaiOffers(readCapture(FULL_MARKET));
    const snapshot = vastaiSnapshotOf(readCapture(FULL_MARKET));

    expect(bundles).toHaveLength(1396);
    expect(snapshot.offers).toHaveLength(1396);
    expect(new Set(snapshot.offers.map((offer) => offer.externalId)).size).toBe(1396);
    expect(snapshot.offers.map((offer) => offer.externalId)).toEqual(
      bundles.map((b) => String(b.id)),
    );
    expect(snapshot.offers.every((offer) => offer.available && offer.gpuCount >= 1)).toBe(true);
  });

  needsCaptures('places every geolocation of that market in a known region and location', () => {
    const bundles = parseVastaiOffers(readCapture(FULL_MARKET));
    const geolocations = [...new Set(bundles.map((bundle) => bundle.geolocation ?? ''))];
    expect(geolocations).toHaveLength(124);

    for (const geolocation of geolocations) {
      const place = placeOfGeolocation(geolocation);
      const code = geolocation.slice(geolocation.lastIndexOf(',') + 1).trim();
      expect({ geolocation, ...place }).toMatchObject({
        region: regionOfLocation(place.location),
        country: code,
      });
      expect(place.region, geolocation).not.toBe('Unknown');
    }
    expect(
      vastaiSnapshotOf(readCapture(FULL_MARKET)).offers.filter((o) => o.region === 'Unknown'),
    ).toEqual([]);
  });

  needsCaptures('puts the featured GPUs of that market under the product’s own names', () => {
    const models = new Map<string, number>();
    for (const offer of vastaiSnapshotOf(readCapture(FULL_MARKET)).offers) {
      models.set(offer.gpuModel, (models.get(offer.gpuModel) ?? 0) + 1);
    }
    // 9 SXM4 + 3 PCIE + 1 A100X at 80 GB; 4 SXM4 + 2 PCIE at 40 GB; 17 PCIE + 15 SXM H100s.
    expect(
      Object.fromEntries(
        ['RTX 3090', 'RTX 4090', 'A100 40GB', 'A100 80GB', 'H100', 'H100 NVL'].map((name) => [
          name,
          models.get(name),
        ]),
      ),
    ).toEqual({
      'RTX 3090': 177,
      'RTX 4090': 311,
      'A100 40GB': 6,
      'A100 80GB': 13,
      H100: 32,
      'H100 NVL': 21,
    });
  });

  needsCaptures(
    'refuses the 2024-11-03 capture, whose CLI printout has a status line after the JSON',
    () => {
      let refusal: unknown;
      try {
        parseVastaiOffers(readCapture('vast-cli_search_offers_raw_2024-11-03_ef85d73.json'));
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(ProviderError);
      expect((refusal as ProviderError).kind).toBe('payload');
      expect((refusal as ProviderError).message).toBe(
        'vastai: text after the JSON at line 208 column 1',
      );
    },
  );

  needsCaptures.each([
    ['vast-cli_search_offers_raw_2024-11-01_5bf5e41.json', 2, 2],
    ['vast-cli_search_offers_raw_2024-11-18_6d79ffa.json', 2, 2],
    ['vast-cli_search_offers_raw_2025-01-17_4fb5966.json', 4, 1],
  ])('reads %s: %i offers, %i of them available', (name, offers, available) => {
    const snapshot = vastaiSnapshotOf(readCapture(name));
    expect(snapshot.offers).toHaveLength(offers);
    expect(snapshot.offers.filter((offer) => offer.available)).toHaveLength(available);
  });
});
