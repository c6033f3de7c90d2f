import { notFound } from '@/lib/errors';
import { route } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

/** Any /api path no route handles answers in the API's own error shape, not an HTML page. */
const noSuchRoute = route(async (request) => {
  throw notFound(`API route ${new URL(request.url).pathname}`);
});

export const GET = noSuchRoute;
export const POST = noSuchRoute;
export const PUT = noSuchRoute;
export const PATCH = noSuchRoute;
export const DELETE = noSuchRoute;
