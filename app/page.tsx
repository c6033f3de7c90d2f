import { Suspense } from 'react';
import { MarketView } from '@/components/market/market-view';

export default function MarketPage() {
  return (
    <Suspense>
      <MarketView />
    </Suspense>
  );
}
