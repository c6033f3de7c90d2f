import { z } from 'zod';

export const vramSteps = [8, 16, 24, 40, 80] as const;
export const MIN_PRICE_FILTER = 0.1;
export const MAX_PRICE_FILTER = 5;

const decimal = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'must be a number such as 0.50')
  .transform(Number);

/** The query of GET /api/offers. Prices are per GPU-hour; VRAM is per GPU. */
export const offerSearchQuery = z
  .strictObject({
    gpu: z.string().trim().min(1).max(80).optional(),
    minVram: z
      .enum(vramSteps.map(String) as [string, ...string[]], { message: `must be one of ${vramSteps.join(', ')}` })
      .transform(Number)
      .optional(),
    maxPrice: decimal
      .pipe(
        z
          .number()
          .min(MIN_PRICE_FILTER, `must be at least ${MIN_PRICE_FILTER.toFixed(2)}`)
          .max(MAX_PRICE_FILTER, `must be at most ${MAX_PRICE_FILTER.toFixed(2)}`),
      )
      .optional(),
    region: z.string().trim().min(1).max(60).optional(),
    provider: z.string().trim().min(1).max(40).optional(),
    reliability: z.enum(['high', 'medium', 'low']).optional(),
    available: z.enum(['true', 'any']).default('true'),
    sort: z.enum(['price', 'availability']).default('price'),
    order: z.enum(['asc', 'desc']).optional(),
    limit: z
      .string()
      .regex(/^\d+$/, 'must be a whole number')
      .transform(Number)
      .pipe(z.number().min(1).max(200))
      .default(50),
    cursor: z.string().max(500).optional(),
  })
  .transform((query) => ({
    ...query,
    order: query.order ?? (query.sort === 'price' ? ('asc' as const) : ('desc' as const)),
  }));

export type OfferSearchQuery = z.infer<typeof offerSearchQuery>;

/** Where the last row of a page sat in the sort order. */
export const offerCursor = z.object({
  sort: z.enum(['price', 'availability']),
  order: z.enum(['asc', 'desc']),
  price: z.number().nonnegative(),
  count: z.number().int().nonnegative(),
  id: z.uuid(),
});
export type OfferCursor = z.infer<typeof offerCursor>;

export const encodeCursor = (cursor: OfferCursor) =>
  Buffer.from(JSON.stringify(cursor)).toString('base64url');

export function decodeCursor(text: string): OfferCursor | undefined {
  try {
    const parsed = offerCursor.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
