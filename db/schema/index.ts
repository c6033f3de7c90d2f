export * from './auth';
export * from './alerts';
export * from './failover';
export * from './market';
export * from './notifications';
export * from './rentals';
export * from './simulator';
export * from './users';
