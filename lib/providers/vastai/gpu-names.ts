/**
 * Vast.ai names GPUs in its own short forms ("RTX 4070S Ti", "Q RTX 6000", "A100 SXM4"). Our
 * market groups offers by model name, so the featured models must come out exactly as the
 * product spells them, and the rest as people search for them. A name no rule knows is kept as
 * given: an offer is never dropped for its name.
 */
const spellings: ReadonlyArray<readonly [RegExp, string]> = [
  [/^Q RTX /, 'Quadro RTX '],
  [/^Tesla /, ''],
  [/^((?:RTX|GTX) \d{4})S Ti$/, '$1 Ti SUPER'],
  [/^((?:RTX|GTX) \d{4}) ?S$/, '$1 SUPER'],
  [/^(RTX \d{4})Ada$/, '$1 Ada'],
  [/ laptop$/i, ' Laptop'],
];

/** Vast.ai lists A100s by form factor (SXM4, PCIE, A100X); only the memory tells 40GB from 80GB. */
const A100_80GB_FROM_GB = 60;

export function gpuModelOf(vastName: string, vramGb: number): string {
  const name = vastName.trim().replace(/\s+/g, ' ');
  if (!name) return 'Unknown GPU';

  if (/^A100(X|\b)/i.test(name)) return vramGb >= A100_80GB_FROM_GB ? 'A100 80GB' : 'A100 40GB';
  // The NVL is a different card (94 GB, two boards bridged), so it keeps its own market.
  if (/^H100 NVL$/i.test(name)) return 'H100 NVL';
  if (/^H100( (SXM\d?|PCIE))?$/i.test(name)) return 'H100';

  return spellings.reduce(
    (text, [pattern, replacement]) => text.replace(pattern, replacement),
    name,
  );
}
