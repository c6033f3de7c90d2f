import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { rentalMachines, rentals } from '@/db/schema';

type RentalRow = typeof rentals.$inferSelect;
type MachineRow = typeof rentalMachines.$inferSelect;

export interface RentalView {
  id: string;
  offerId: string;
  provider: string;
  gpuModel: string;
  gpuCount: number;
  region: string;
  location: string;
  state: RentalRow['state'];
  spotPricePerHour: number;
  onDemandPricePerHour: number;
  createdAt: string;
  startedAt: string | null;
  noticeAt: string | null;
  interruptedAt: string | null;
  endedAt: string | null;
  uptimeSeconds: number;
  cost: { gpu: number; standby: number; total: number };
  /** The machine carrying the work now (the last one not ended), if any. */
  current: { kind: MachineRow['kind']; machineType: string | null; pricePerHour: number } | null;
  lastError: string | null;
  machines: Array<{
    id: string;
    kind: MachineRow['kind'];
    provider: string;
    machineId: string | null;
    machineType: string | null;
    pricePerHour: number;
    startedAt: string;
    endedAt: string | null;
  }>;
}

const hoursBetween = (from: Date, to: Date) =>
  Math.max(0, to.getTime() - from.getTime()) / 3_600_000;
const cents = (value: number) => Math.round(value * 10_000) / 10_000;

/** Cost so far is each machine's price times the time it ran, split between GPU and standby. */
export function toRentalView(rental: RentalRow, machines: MachineRow[], now: Date): RentalView {
  const cost = { gpu: 0, standby: 0, total: 0 };
  for (const machine of machines) {
    const amount = machine.pricePerHour * hoursBetween(machine.startedAt, machine.endedAt ?? now);
    cost[machine.kind === 'gpu' ? 'gpu' : 'standby'] += amount;
  }
  cost.gpu = cents(cost.gpu);
  cost.standby = cents(cost.standby);
  cost.total = cents(cost.gpu + cost.standby);

  const uptimeSeconds = rental.startedAt
    ? Math.round(hoursBetween(rental.startedAt, rental.endedAt ?? now) * 3600)
    : 0;

  const open = machines.filter((machine) => !machine.endedAt).at(-1);
  return {
    id: rental.id,
    offerId: rental.offerId,
    provider: rental.provider,
    gpuModel: rental.gpuModel,
    gpuCount: rental.gpuCount,
    region: rental.region,
    location: rental.location,
    state: rental.state,
    spotPricePerHour: rental.spotPricePerHour,
    onDemandPricePerHour: rental.onDemandPricePerHour,
    createdAt: rental.createdAt.toISOString(),
    startedAt: rental.startedAt?.toISOString() ?? null,
    noticeAt: rental.noticeAt?.toISOString() ?? null,
    interruptedAt: rental.interruptedAt?.toISOString() ?? null,
    endedAt: rental.endedAt?.toISOString() ?? null,
    uptimeSeconds,
    cost,
    current: open
      ? { kind: open.kind, machineType: open.machineType, pricePerHour: open.pricePerHour }
      : null,
    lastError: rental.lastError,
    machines: machines.map((machine) => ({
      id: machine.id,
      kind: machine.kind,
      provider: machine.provider,
      machineId: machine.machineId,
      machineType: machine.machineType,
      pricePerHour: machine.pricePerHour,
      startedAt: machine.startedAt.toISOString(),
      endedAt: machine.endedAt?.toISOString() ?? null,
    })),
  };
}

export async function loadRentalViews(db: Db, rows: RentalRow[], now: Date): Promise<RentalView[]> {
  if (rows.length === 0) return [];
  const machines = await db
    .select()
    .from(rentalMachines)
    .where(
      inArray(
        rentalMachines.rentalId,
        rows.map((row) => row.id),
      ),
    )
    .orderBy(asc(rentalMachines.startedAt));
  return rows.map((row) =>
    toRentalView(
      row,
      machines.filter((machine) => machine.rentalId === row.id),
      now,
    ),
  );
}

export async function loadRentalView(db: Db, rental: RentalRow, now: Date): Promise<RentalView> {
  const machines = await db
    .select()
    .from(rentalMachines)
    .where(eq(rentalMachines.rentalId, rental.id))
    .orderBy(asc(rentalMachines.startedAt));
  return toRentalView(rental, machines, now);
}
