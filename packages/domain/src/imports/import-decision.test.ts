import { describe, expect, it } from 'vitest';
import {
  duplicateSuggestions,
  importRowChoiceProblem,
  ImportRowChoiceSchema,
  importRowOutcome,
} from './import-decision.ts';

const PERSON = '5f0c2d1e-8a8b-4c2e-9f44-0a5e3c1d2b7a';
const OTHER = '9d3b7c6a-1e2f-4a5b-8c9d-0e1f2a3b4c5d';

describe('import decisions', () => {
  const match = {
    decision: 'match' as const,
    match: PERSON,
    candidates: [{ id: PERSON, score: 0.99 }],
  };

  it('links a confident match only when automatic matches were accepted', () => {
    expect(importRowOutcome(match, true)).toEqual({
      action: 'link',
      personId: PERSON,
      chosen: false,
    });
    expect(importRowOutcome(match, false)).toEqual({ action: 'review', chosen: false });
    expect(importRowOutcome({ decision: 'new', candidates: [] }, true)).toEqual({
      action: 'new',
      chosen: false,
    });
    expect(importRowOutcome({ decision: 'review', candidates: [] }, true).action).toBe('review');
  });

  it('follows the importer’s choice for a row over the matcher and the automatic setting', () => {
    expect(importRowOutcome(match, true, { line: 2, action: 'new' })).toEqual({
      action: 'new',
      chosen: true,
    });
    expect(
      importRowOutcome({ decision: 'review', candidates: [] }, false, {
        line: 2,
        action: 'link',
        personId: OTHER,
      }),
    ).toEqual({ action: 'link', personId: OTHER, chosen: true });
    expect(importRowOutcome(match, true, { line: 2, action: 'review' }).action).toBe('review');
  });

  it('links a row only to a person the dry run found for it', () => {
    const row = { candidates: [{ id: PERSON, score: 0.71 }] };
    expect(importRowChoiceProblem({ line: 2, action: 'link', personId: PERSON }, row)).toBeNull();
    expect(importRowChoiceProblem({ line: 2, action: 'link', personId: OTHER }, row)).toMatch(
      /only to one of the persons the dry run found/,
    );
    // A candidate too weak to be shown was never offered to the importer.
    expect(
      importRowChoiceProblem(
        { line: 2, action: 'link', personId: PERSON },
        { candidates: [{ id: PERSON, score: 0.001 }] },
      ),
    ).not.toBeNull();
  });

  it('asks a reviewer only about a row that has someone to compare it with', () => {
    expect(importRowChoiceProblem({ line: 2, action: 'review' }, { candidates: [] })).toMatch(
      /no candidate/,
    );
    expect(
      importRowChoiceProblem(
        { line: 2, action: 'review' },
        { candidates: [{ id: PERSON, score: 0.2 }] },
      ),
    ).toBeNull();
    expect(importRowChoiceProblem({ line: 2, action: 'new' }, { candidates: [] })).toBeNull();
    expect(importRowChoiceProblem({ line: 9, action: 'new' }, undefined)).toMatch(/not a row/);
  });

  it('refuses a choice that names no action, or a line that cannot be', () => {
    expect(ImportRowChoiceSchema.safeParse({ line: 2, action: 'merge' }).success).toBe(false);
    expect(ImportRowChoiceSchema.safeParse({ line: 0, action: 'new' }).success).toBe(false);
    expect(ImportRowChoiceSchema.safeParse({ line: 2, action: 'link' }).success).toBe(false);
  });

  it('suggests at most three duplicates worth a look, best first', () => {
    const candidates = [0.9, 0.8, 0.7, 0.6, 0.4].map((score, i) => ({ id: `p${i}`, score }));
    expect(duplicateSuggestions(candidates).map((c) => c.id)).toEqual(['p0', 'p1', 'p2']);
    expect(duplicateSuggestions([{ id: 'x', score: 0.49 }])).toEqual([]);
  });

  it('compares a row the importer sent to review with every candidate they were shown', () => {
    expect(duplicateSuggestions([{ id: 'x', score: 0.2 }], { chosen: true })).toHaveLength(1);
    expect(duplicateSuggestions([{ id: 'x', score: 0.001 }], { chosen: true })).toEqual([]);
  });
});
