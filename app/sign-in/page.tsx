import { redirect } from 'next/navigation';
import { CredentialsForm } from '@/components/auth/credentials-form';
import { getPageUser } from '@/lib/auth/page-user';
import { safeNextPath } from '@/lib/auth/safe-next-path';

export const metadata = { title: 'Sign in — Spot Market' };

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function SignInPage({ searchParams }: Props) {
  const next = safeNextPath((await searchParams).next);
  if (await getPageUser()) redirect(next);
  return <CredentialsForm mode="sign-in" next={next} />;
}
