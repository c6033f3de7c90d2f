import { DeleteAccountForm } from '@/components/account/delete-account-form';
import { PasswordForm } from '@/components/account/password-form';
import { PhoneForm } from '@/components/account/phone-form';
import { card } from '@/components/account/styles';
import { getDb } from '@/db/client';
import { getAccount } from '@/lib/account/account-view';
import { requirePageUser } from '@/lib/auth/page-user';

export const metadata = { title: 'Account — Spot Market' };

export default async function AccountPage() {
  const user = await requirePageUser('/account');
  const account = await getAccount(getDb(), user.id);

  return (
    <section className="max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold">Account</h1>
      <div className={card}>
        <h2 className="text-lg font-semibold">Email</h2>
        <p className="text-sm" data-testid="account-email">
          {account.email}
        </p>
      </div>
      <PhoneForm initial={account.phone} />
      <PasswordForm />
      <DeleteAccountForm />
    </section>
  );
}
