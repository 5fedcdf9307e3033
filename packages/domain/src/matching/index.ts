/** Matching people across lists and scripts: normalization, scoring, blocking and decisions. */
export * from './romanize-name.ts';
export * from './fold-name.ts';
export * from './phonetic-keys.ts';
export * from './parse-name.ts';
export * from './string-similarity.ts';
export * from './match-record.schema.ts';
export * from './prepare-match-record.ts';
export * from './score-pair.ts';
export * from './blocking-keys.ts';
export * from './match-index.ts';
export * from './decide-match.ts';
export * from './match-evidence.ts';
export * from './match-list.ts';
export * from './visible-match-record.ts';
