/** Prices under $1 keep three decimals: spot GPUs differ by tenths of a cent. */
export function formatPrice(value: number): string {
  return `$${value < 1 ? value.toFixed(3) : value.toFixed(2)}`;
}

export function formatPercent(value: number | null, digits = 1): string {
  return value === null ? '—' : `${(value * 100).toFixed(digits)}%`;
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.max(0, Math.round(seconds))} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

export function formatHours(hours: number | null): string {
  if (hours === null) return '—';
  return hours < 1 ? `${Math.round(hours * 60)} min` : `${hours.toFixed(1)} h`;
}

export function formatAge(seconds: number): string {
  return `${formatDuration(seconds)} ago`;
}

/** `averyveryverylongname@example.com` → `averyvery…@example.com`, for the nav bar. */
export function shortenEmail(email: string, max = 24): string {
  if (email.length <= max) return email;
  const at = email.lastIndexOf('@');
  const domain = at > 0 ? email.slice(at) : '';
  const room = max - domain.length - 1;
  if (at <= 0 || room < 3) return `${email.slice(0, max - 1)}…`;
  return `${email.slice(0, room)}…${domain}`;
}

/** A moment in the user's locale, to the minute: "12 Jun, 14:05". */
export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function formatPlace(region: string | null, location: string | null): string {
  return location ?? region ?? 'anywhere';
}

/**
 * "a" or "an" before a product name, by how it is read: letters of an initialism as letters
 * ("an RTX 4090", "an H100", "a GTX 1080"), words by their first vowel ("an e2-medium").
 */
export function withArticle(name: string): string {
  const spelledOut = /^[A-Z]{2}|^[A-Za-z]\d/.test(name);
  const vowelSound = spelledOut ? /^[AEFHILMNORSX]/i.test(name) : /^[aeiou]/i.test(name);
  return `${vowelSound ? 'an' : 'a'} ${name}`;
}
