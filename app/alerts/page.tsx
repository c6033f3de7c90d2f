import { AlertsView } from '@/components/alerts/alerts-view';

export default function AlertsPage() {
  return (
    <section className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Price alerts</h1>
        <p className="text-sm text-slate-600">
          Tells you once when the best price for a GPU drops to your bound, by email, push or SMS.
        </p>
      </div>
      <AlertsView />
    </section>
  );
}
