import { NotificationsView } from '@/components/notifications/notifications-view';

export default function NotificationsPage() {
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">Notifications</h1>
      <NotificationsView />
    </section>
  );
}
