import { DEMO_USER_ID } from '@/lib/demo/demo-user';

export interface CurrentUser {
  id: string;
}

/** The user a request acts for. Until accounts exist, every request is the seeded demo user. */
export async function requireUser(_request: Request): Promise<CurrentUser> {
  return { id: DEMO_USER_ID };
}
