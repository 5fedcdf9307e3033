export * from './parse-list.ts';
export * from './import-decision.ts';
export * from './read-csv-table.ts';
export * from './list-repeats.ts';
