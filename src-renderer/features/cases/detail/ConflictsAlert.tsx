import { Alert } from 'antd';
import type { CaseConflict } from '#shared/domain/case-types';
import { useOfficeName } from '../../../app/directory';
import { actText, caseText, reasonText } from '#shared/messages/zh-CN';

/** Acts that met offline and no longer fit (design.md §2): kept, not applied, flagged for a person to resolve. */
export function ConflictsAlert({ conflicts }: { readonly conflicts: readonly CaseConflict[] }) {
  const officeName = useOfficeName();
  if (conflicts.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="conflicts"
      title={caseText.conflicts}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {conflicts.map((c) => (
            <li key={c.eventId}>
              {caseText.conflictLine(actText[c.type], reasonText[c.reason], officeName(c.officeId))}
            </li>
          ))}
        </ul>
      }
    />
  );
}
