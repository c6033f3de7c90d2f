import { MachinesView } from '@/components/machines/machines-view';
import { requirePageUser } from '@/lib/auth/page-user';

export default async function MachinesPage() {
  await requirePageUser('/machines');
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Machines</h1>
      <MachinesView />
    </section>
  );
}
