export * from './parse-list.ts';
export * from './import-decision.ts';
