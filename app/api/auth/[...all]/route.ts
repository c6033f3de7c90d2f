import { getDb } from '@/db/client';
import { getAuth } from '@/lib/auth/auth';
import { handleAuthRequest } from '@/lib/auth/handle-auth-request';

export const dynamic = 'force-dynamic';

export const GET = (request: Request) => handleAuthRequest(getDb(), getAuth(), request);
export const POST = (request: Request) => handleAuthRequest(getDb(), getAuth(), request);
