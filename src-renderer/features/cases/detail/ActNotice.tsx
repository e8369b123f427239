import { useCallback } from 'react';
import type { CaseDetail } from '#shared/contract/api';
import type { CaseEvent } from '#shared/domain/case-types';
import { NoticeLetter } from '../../../app/NoticeLetter';
import { useDirectory, useOfficeName, useUserName } from '../../../app/directory';
import { actDocument } from './act-documents';

/** The document of one act (act-documents.ts picks and fills it), in the one print layout. */
export function ActNotice({ detail, event }: { readonly detail: CaseDetail; readonly event: CaseEvent }) {
  const office = useOfficeName();
  const user = useUserName();
  const offices = useDirectory((s) => s.offices);
  const above = useCallback((id: string) => offices.find((o) => o.id === id)?.parentId || undefined, [offices]);
  const letter = actDocument(event, detail, { office, user, above });
  return letter ? <NoticeLetter letter={letter} /> : null;
}
