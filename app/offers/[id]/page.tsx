import Link from 'next/link';
import { OfferDetail } from '@/components/market/offer-detail';

export default async function OfferPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <div className="space-y-4">
      <Link href="/" className="text-sm text-indigo-700">
        ← Market
      </Link>
      <OfferDetail offerId={id} />
    </div>
  );
}
