export * from './stock.query';
export * from './claim.store';
export * from './estimate-source.query';
export * from './estimate.store';
export * from './record-pack-source.query';
export * from './claims.read';
export * from './trace.read';
export * from './prior-use.query';
