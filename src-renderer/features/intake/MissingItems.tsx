import { useState } from 'react';
import { Alert, Button, Flex, Input, Space, Tag, Typography } from 'antd';
import type { AmendableField } from '#shared/domain/act-payloads';
import type { MissingItem, RegistrationInput } from '#shared/domain/registration';
import { messages, missingText } from '#shared/messages/zh-CN';
import { useDesk } from '../../app/desk-context';
import { errorText } from '../../app/errors';
import { useNav } from '../../app/nav-store';
import { toRegistration } from './draft';
import type { SavedIntake } from './useIntakeSave';

const t = messages.saved;

/** Missing items of the petition's own text: 补充 records them on the matter (第十九条 如实记录). */
const textItems: readonly MissingItem[] = ['request', 'facts', 'reasons'];
const isText = (item: MissingItem): item is MissingItem & AmendableField => textItems.includes(item);

/**
 * The petitioners this registration sent, in the order of `result.petitionerIds` (the core keeps it), each with
 * the missing items (第十九条 名称、住址、联系方式) it lacks.
 */
function petitionersLacking(saved: SavedIntake, item: 'name' | 'address' | 'contact'): { id: string; label: string }[] {
  const sent = (toRegistration(saved.draft, new Date().toISOString()) as Pick<RegistrationInput, 'petitioners'>)
    .petitioners; // built from the very draft that was saved
  return sent.flatMap((p, i) => {
    const id = saved.result.petitionerIds[i];
    const lacks =
      item === 'name'
        ? !p.name && !p.existingId
        : item === 'address'
          ? !p.address && !p.existingId
          : !p.phone && !p.address && !p.existingId;
    return id && lacks ? [{ id, label: p.name || t.petitionerN(i + 1) }] : [];
  });
}

/**
 * What a registration still lacks (第十九条), each with a way to record it now: 补充 of the request, facts or
 * reasons on the matter (`supplement`, the petition's record kept), the petitioner's own page (its edit form open)
 * for name, address and contact. `onLeave` closes the dialog before the page changes.
 */
export function MissingItems({ saved, onLeave }: { readonly saved: SavedIntake; readonly onLeave: () => void }) {
  const { transport } = useDesk();
  const go = useNav((s) => s.go);
  const { petitionId, caseId, missing } = saved.result;
  const [state, setState] = useState<{
    petitionId: string;
    open?: MissingItem;
    value: string;
    done: readonly MissingItem[];
    error?: string;
    saving?: boolean;
  }>({ petitionId, value: '', done: [] });
  if (state.petitionId !== petitionId) setState({ petitionId, value: '', done: [] }); // a new registration starts afresh
  if (missing.length === 0) return null;

  const supplement = async (field: MissingItem & AmendableField) => {
    setState((s) => ({ ...s, saving: true, error: undefined }));
    try {
      const value = state.value.trim();
      await transport.invoke('case-act', { caseId, type: 'supplement', payload: { field, value, petitionId } });
      // A new matter with neither title, request nor facts got a placeholder title: the request gives it one.
      const untitled =
        !saved.linkedTo && !saved.draft.title.trim() && !saved.draft.request.trim() && !saved.draft.facts.trim();
      if (field === 'request' && untitled)
        await transport.invoke('case-act', {
          caseId,
          type: 'supplement',
          payload: { field: 'title', value: value.slice(0, 60) },
        });
      setState((s) => ({ petitionId: s.petitionId, value: '', done: [...s.done, field] }));
    } catch (error) {
      setState((s) => ({ ...s, saving: false, error: errorText(error) }));
    }
  };

  const action = (item: MissingItem) => {
    if (state.done.includes(item)) return <Tag color="green">{t.supplemented}</Tag>;
    if (isText(item)) {
      return state.open === item ? null : (
        <Button size="small" onClick={() => setState((s) => ({ ...s, open: item, value: '', error: undefined }))}>
          {t.supplement}
        </Button>
      );
    }
    if (item === 'representatives') return null;
    return petitionersLacking(saved, item).map((p) => (
      <Button
        key={p.id}
        size="small"
        type="link"
        onClick={() => {
          onLeave();
          go({ name: 'petitioner', id: p.id, edit: true });
        }}
      >
        {t.editPetitioner(p.label)}
      </Button>
    ));
  };

  const open =
    state.open !== undefined && isText(state.open) && !state.done.includes(state.open) ? state.open : undefined;
  return (
    <Alert
      type="warning"
      showIcon
      title={t.missing}
      data-testid="intake-saved-missing"
      description={
        <Flex vertical gap={4}>
          {missing.map((item) => (
            <Space key={item} size={4} wrap>
              <Typography.Text>{missingText[item]}</Typography.Text>
              {action(item)}
            </Space>
          ))}
          {open ? (
            <Flex vertical gap={4}>
              <Input.TextArea
                aria-label={missingText[open]}
                placeholder={t.supplementPlaceholder(missingText[open])}
                value={state.value}
                onChange={(e) => setState((s) => ({ ...s, value: e.target.value }))}
                autoSize={{ minRows: 2, maxRows: 6 }}
                maxLength={20_000}
              />
              {state.error ? <Alert type="error" showIcon role="alert" title={state.error} /> : null}
              <Space>
                <Button
                  size="small"
                  type="primary"
                  loading={state.saving ?? false}
                  disabled={state.value.trim() === ''}
                  onClick={() => void supplement(open)}
                >
                  {t.supplementSave}
                </Button>
                <Button size="small" onClick={() => setState((s) => ({ ...s, open: undefined, error: undefined }))}>
                  {t.supplementCancel}
                </Button>
              </Space>
            </Flex>
          ) : null}
        </Flex>
      }
    />
  );
}
