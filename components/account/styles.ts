export const card = 'space-y-3 rounded-lg border border-slate-200 bg-white p-5';
export const field =
  'mt-1 w-full max-w-sm rounded border border-slate-300 px-3 py-2 text-sm focus:border-indigo-500 focus:outline-none';
export const primary =
  'rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60';
export const fieldError = 'mt-1 block text-xs font-normal text-rose-700';
