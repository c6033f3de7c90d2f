import type { FailoverStepView } from '@/lib/failover/view/run-view';
import { formatPrice } from '@/lib/client/format';

const mb = (bytes: unknown) =>
  typeof bytes === 'number' ? `${(bytes / 1_048_576).toFixed(1)} MB` : null;
const text = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : null;
const price = (value: unknown) => (typeof value === 'number' ? `${formatPrice(value)}/h` : null);
const age = (seconds: unknown) =>
  typeof seconds === 'number' ? `${Math.round(seconds)} s before the notice` : null;

type Row = [label: string, value: string | null, mono?: boolean];

/** What a step made, by step: machine ids, object keys, sizes and counts. */
function rowsOf(step: FailoverStepView): Row[] {
  const out = step.output as Record<string, any>;
  switch (step.name) {
    case 'detect':
      return [
        ['Via', text(out.via)],
        ['Source', text(out.source)],
        ['GPU machine', text(out.gpuMachineId), true],
      ];
    case 'sync':
      return [
        ['Manifest', text(out.manifestKey), true],
        ['Checkpoint', text(out.seq)],
        ['Files', text(out.files)],
        ['Size', mb(out.bytes)],
        ['Uploaded', mb(out.uploadedBytes)],
        ['Checkpoint age', out.fallback ? age(out.checkpointAgeSeconds) : null],
      ];
    case 'standby':
      return [
        ['Standby machine', text(out.standbyMachineId), true],
        ['Type', text(out.machineType)],
        ['Price', price(out.pricePerHour)],
        ['Files restored', text(out.files)],
        ['Downloaded', mb(out.downloadedBytes)],
        ['Verified', out.verified ? 'every sha256 matches the manifest' : null],
      ];
    case 'notify':
      return [
        ['Channels', Array.isArray(out.channels) ? out.channels.join(', ') || 'none' : null],
        [
          'Messages',
          Array.isArray(out.notificationIds) ? String(out.notificationIds.length) : null,
        ],
      ];
    case 'restore':
      return [
        ['GPU machine', text(out.gpu?.machineId), true],
        ['GPU price', price(out.gpu?.pricePerHour)],
        ['Hand-over manifest', text(out.handover?.manifestKey), true],
        ['Files restored', text(out.files)],
        ['Downloaded', mb(out.downloadedBytes)],
        ['Standby stopped', text(out.standbyTerminated), true],
        [
          'Attempts given up',
          Array.isArray(out.abandoned) && out.abandoned.length
            ? String(out.abandoned.length)
            : null,
        ],
      ];
  }
}

export function StepDetails({ step }: { step: FailoverStepView }) {
  const rows = rowsOf(step).filter((row): row is [string, string, boolean?] => row[1] !== null);
  if (rows.length === 0 && step.errors.length === 0) return null;
  return (
    <div className="mt-2 space-y-2">
      {rows.length > 0 && (
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-0.5 text-xs">
          {rows.map(([label, value, mono]) => (
            <div key={label} className="contents">
              <dt className="text-slate-500">{label}</dt>
              <dd className={mono ? 'break-all font-mono' : ''}>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      {step.errors.length > 0 && (
        <ul className="space-y-0.5 text-xs text-rose-700" aria-label={`${step.name} errors`}>
          {step.errors.map((error, index) => (
            <li key={index}>
              Attempt {error.attempt}: {error.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
