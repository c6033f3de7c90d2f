import { FailoverSettingsForm } from '@/components/failover/failover-settings-form';
import { requirePageUser } from '@/lib/auth/page-user';

export const metadata = { title: 'Failover settings — Spot Market' };

export default async function FailoverSettingsPage() {
  await requirePageUser('/settings/failover');
  return (
    <section className="space-y-4">
      <div>
        <p className="text-sm text-slate-500">Settings</p>
        <h1 className="text-2xl font-semibold">Failover</h1>
        <p className="mt-1 max-w-2xl text-sm text-slate-600">
          When a provider takes a spot GPU back, its workspace is synced to object storage, a CPU
          standby takes over the work, you are told, and the work moves back to a GPU when one is
          offered within your price. Each machine can override these settings on its page.
        </p>
      </div>
      <FailoverSettingsForm />
    </section>
  );
}
