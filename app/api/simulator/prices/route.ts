import { requireUser } from '@/lib/auth/current-user';
import { getEnv } from '@/lib/env';
import { json } from '@/lib/http/errors';
import { parseBody, route } from '@/lib/http/route';
import { getProviders } from '@/lib/providers/app-providers';
import {
  clearSimulatedPrices,
  clearSimulatedPricesInput,
  listSimulatedPrices,
  pushSimulatedPrice,
  pushSimulatedPriceInput,
  requireSimulator,
} from '@/lib/simulator/simulated-prices';

export const dynamic = 'force-dynamic';

// Quick start only: every method answers 404 in production or without the simulated market.
const simulator = () => {
  const env = getEnv();
  return {
    provider: requireSimulator(env, getProviders()),
    pollSeconds: env.POLL_INTERVAL_SECONDS,
  };
};

export const GET = route(async (request) => {
  await requireUser(request);
  const { provider, pollSeconds } = simulator();
  return json({ prices: await listSimulatedPrices(provider), pollSeconds });
});

export const POST = route(async (request) => {
  await requireUser(request);
  const { provider, pollSeconds } = simulator();
  const input = await parseBody(pushSimulatedPriceInput, request);
  return json({ ...(await pushSimulatedPrice(provider, input)), pollSeconds }, { status: 201 });
});

export const DELETE = route(async (request) => {
  await requireUser(request);
  const { provider } = simulator();
  const input = await parseBody(clearSimulatedPricesInput, request);
  return json(await clearSimulatedPrices(provider, input));
});
