import { Button, Card, Descriptions, Empty } from 'antd';
import type { PetitionerDoc } from '#shared/domain/documents';
import { useNav } from '../../../app/nav-store';
import { caseText, petitionerText as p } from '#shared/messages/zh-CN';

/** The matter's petitioners (masked as the core returns them for a restricted matter), each linking to their page. */
export function PetitionersCard({
  petitioners,
  masked,
}: {
  readonly petitioners: readonly PetitionerDoc[];
  readonly masked: boolean;
}) {
  const go = useNav((s) => s.go);
  return (
    <Card size="small" title={`${caseText.petitioners}（${petitioners.length}）`} data-testid="petitioners">
      {petitioners.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      {petitioners.map((x) => (
        <Descriptions
          key={x.id}
          size="small"
          column={2}
          style={{ marginBottom: 8 }}
          title={x.name || p.unknown}
          extra={
            masked ? null : (
              <Button size="small" type="link" onClick={() => go({ name: 'petitioner', id: x.id })}>
                {caseText.petitionerLink}
              </Button>
            )
          }
          items={[
            { key: 'id', label: p.idNumber, children: x.idNumber || p.unknown },
            { key: 'phone', label: p.phone, children: x.phone || p.unknown },
            { key: 'address', label: p.address, span: 2, children: x.address ?? p.unknown },
          ]}
        />
      ))}
    </Card>
  );
}
