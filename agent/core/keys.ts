/**
 * Where a rental's workspace lives in object storage. Objects are content-addressed per rental
 * (`objects/<rental>/<sha256>`), so a file already uploaded by any earlier checkpoint is never
 * sent again; manifests are named by sequence, so listing them in order finds the newest.
 */
export const objectsPrefix = (rentalId: string) => `objects/${rentalId}/`;

export const objectKey = (rentalId: string, sha256: string) =>
  `${objectsPrefix(rentalId)}${sha256}`;

export const manifestsPrefix = (rentalId: string) => `rentals/${rentalId}/manifests/`;

const SEQ_DIGITS = 10;

/** `rentals/<rental>/manifests/0000000012-<label>.json`; the label names the run or the agent. */
export function manifestKey(rentalId: string, seq: number, label: string): string {
  return `${manifestsPrefix(rentalId)}${String(seq).padStart(SEQ_DIGITS, '0')}-${label}.json`;
}

export function parseManifestKey(key: string): { seq: number; label: string } | null {
  const match = /\/manifests\/(\d{10})-([A-Za-z0-9._-]+)\.json$/.exec(key);
  if (!match) return null;
  return { seq: Number(match[1]), label: match[2]! };
}

/** Labels are part of a key: keep them to safe characters. */
export function checkpointLabel(...parts: string[]): string {
  return parts
    .join('-')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .slice(0, 120);
}
