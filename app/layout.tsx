import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { NavBar } from '@/components/ui/nav-bar';
import './globals.css';
import { Providers } from './providers';

export const metadata: Metadata = {
  title: 'Spot Market — spot GPUs without the fear',
  description: 'Browse and rent spot GPUs, with reliability indicators, price alerts and failover.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>
          <NavBar />
          <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
