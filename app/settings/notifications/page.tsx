import { NotificationSettingsView } from '@/components/settings/notification-settings-view';

export default function NotificationSettingsPage() {
  return (
    <section className="space-y-4">
      <div>
        <p className="text-sm text-slate-500">Settings</p>
        <h1 className="text-2xl font-semibold">Notifications</h1>
      </div>
      <NotificationSettingsView />
    </section>
  );
}
