export * from './recoverability.store';
export * from './portfolio.query';
export * from './rule-version.store';
export * from './s232-lines.query';
export * from './entry-recoverability.query';
export * from './rule-versions.query';
