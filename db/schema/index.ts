export * from './auth';
export * from './failover';
export * from './market';
export * from './rentals';
export * from './simulator';
export * from './users';
