import { notFound } from 'next/navigation';
import { z } from 'zod';
import { RentalPage } from '@/components/failover/rental-page';
import { requirePageUser } from '@/lib/auth/page-user';

export const metadata = { title: 'Machine — Spot Market' };

export default async function MachinePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requirePageUser(`/machines/${id}`);
  if (!z.uuid().safeParse(id).success) notFound();
  return <RentalPage rentalId={id} />;
}
