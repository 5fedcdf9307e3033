export * from './parse-list.ts';
