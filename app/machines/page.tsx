import { MachinesView } from '@/components/machines/machines-view';

export default function MachinesPage() {
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Machines</h1>
      <MachinesView />
    </section>
  );
}
