import { useMemo } from 'react';
import type { ApiArgs, SimilarCase } from '#shared/contract/api';
import { useApi } from '../../app/useApi';
import { shownPeople, type Draft } from './draft';

export interface Similar {
  /** Earlier matters of (one of) these petitioners: 证件号码, phone, or name with address (第十九条第三款). */
  readonly samePetitioner: readonly SimilarCase[];
  /** Other matters whose content is similar. */
  readonly similarContent: readonly SimilarCase[];
  readonly asked: boolean;
}

/**
 * What repeat detection asks about a draft, as a string: its petitioners' keys and its text. A string, so a
 * component that selects it from the draft store renders again only when the question changes.
 */
export function similarQuery(draft: Draft): string {
  const people = shownPeople(draft);
  return JSON.stringify({
    petitioners: people
      .map((p) => ({
        ...(p.idNumber.trim() ? { idNumber: p.idNumber.trim() } : {}),
        ...(p.phone.trim() ? { phone: p.phone.trim() } : {}),
        ...(p.name.trim() ? { name: p.name.trim() } : {}),
        ...(p.address.trim() ? { address: p.address.trim() } : {}),
      }))
      .filter((p) => Object.keys(p).length > 0),
    text: [draft.request, draft.facts, draft.reasons].join('\n').trim(),
  });
}

/**
 * Repeat detection: `petition-find-similar` on a `similarQuery` (the caller debounces it while typing), and again
 * when matters change.
 */
export function useSimilar(settled: string): Similar {
  const args = useMemo(() => {
    const parsed = JSON.parse(settled) as ApiArgs<'petition-find-similar'>; // built just above from the same shape
    return parsed.petitioners.length > 0 || parsed.text.length >= 4 ? { ...parsed, limit: 10 } : null;
  }, [settled]);
  const { data } = useApi('petition-find-similar', args, ['cases']);
  const found = args ? (data ?? []) : [];
  return {
    samePetitioner: found.filter((s) => s.samePetitioner !== null),
    similarContent: found.filter((s) => s.samePetitioner === null),
    asked: args !== null,
  };
}
