/** The choices failover settings offer; plain values, safe to use in the browser. */
export const standbyTypeIds = ['e2-medium', 'e2-standard-4', 'n2-standard-8'] as const;
export type StandbyTypeId = (typeof standbyTypeIds)[number];

export const failoverChannels = ['email', 'push', 'sms'] as const;
export type FailoverChannel = (typeof failoverChannels)[number];
