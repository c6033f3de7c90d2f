import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { NavBar } from '@/components/ui/nav-bar';
import { getPageUser } from '@/lib/auth/page-user';
import './globals.css';
import { Providers } from './providers';

export const metadata: Metadata = {
  title: 'Spot Market — spot GPUs without the fear',
  description: 'Browse and rent spot GPUs, with reliability indicators, price alerts and failover.',
};

/**
 * Every page renders per request: the nav bar shows who is signed in, and each answer carries
 * its own CSP nonce (proxy.ts), which only a dynamic render can put on Next.js's scripts.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await getPageUser();
  return (
    <html lang="en">
      <body>
        <Providers>
          <NavBar user={user ? { email: user.email } : null} />
          <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
