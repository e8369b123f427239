import type { ActPayload } from '#shared/domain/act-payloads';
import type { CaseEvent } from '#shared/domain/case-types';
import { actFields, isFormAct, type FormActType } from '../acts/act-fields';
import { actText, channelText, classText, fieldText, caseText, messages, optionText } from '#shared/messages/zh-CN';

/** What a description may look up beyond the event: the matter's other events (a 报批 an 审批 answers), names. */
export interface DescribeContext {
  readonly events: readonly CaseEvent[];
  readonly userName: (id: string) => string;
}

type Lines = [label: string, value: string][];

/**
 * What an act carried, as label/value pairs in Chinese for the timeline: the labels and option texts are the act
 * form's own (acts/act-fields.ts), so a record reads the way it was entered. A 报批 reads as the act it proposes,
 * an 审批 names the 报批 it answers, a 更正 shows the old text and the new with the reason (第十九条).
 */
export function describeEvent(event: CaseEvent, officeName: (id: string) => string, context?: DescribeContext): Lines {
  switch (event.type) {
    case 'register': {
      const p = event.payload;
      const out: Lines = [[channelText[p.channel], p.title]];
      if (p.class) out.push(['', classText[p.class]]);
      // 第三十条第三款: shown only to who may read the matter (the core leaves them out of a masked one).
      if (p.accusedOfficeIds.length > 0)
        out.push([fieldText.accusedOfficeIds, p.accusedOfficeIds.map(officeName).join('、')]);
      if (p.accusedPersons?.length) out.push([messages.intake.accusedPersons, p.accusedPersons.join('、')]);
      return out;
    }
    case 'propose':
      return [
        [caseText.proposedAs, actText[event.payload.act]],
        ...describePayload(event.payload.act, event.payload.payload, officeName),
      ];
    case 'approve': {
      const proposal = context?.events.find(
        (e): e is CaseEvent & { type: 'propose' } => e.id === event.payload.proposalEventId && e.type === 'propose',
      );
      const named = proposal
        ? [
            [
              caseText.proposedAs,
              caseText.proposalOption(actText[proposal.payload.act], context?.userName(proposal.actor.userId) ?? ''),
            ] as [string, string],
          ]
        : [];
      return [...named, ...describePayload('approve', event.payload, officeName)];
    }
    case 'correct': {
      const p: ActPayload<'correct'> = event.payload;
      return [
        [fieldText.amendField, optionText.amendField[p.field]],
        [caseText.amendedTo, caseText.amendedFrom(p.oldValue, p.value)],
        [fieldText.correctReason, p.reason],
      ];
    }
    default:
      return isFormAct(event.type) ? describePayload(event.type, event.payload, officeName) : [];
  }
}

/** The fields of one act's payload, field by field as its form has them. */
function describePayload(
  type: FormActType,
  payload: Readonly<Record<string, unknown>>,
  officeName: (id: string) => string,
): Lines {
  const out: Lines = [];
  for (const field of actFields[type]) {
    const value = payload[field.name];
    const input = field.input;
    // A picked 报批 or 信访件 is named by the lines around it, never by its id.
    if (value === undefined || value === '' || input.kind === 'proposal' || input.kind === 'petition') continue;
    const shown =
      input.kind === 'select'
        ? (input.options[String(value)] ?? String(value))
        : input.kind === 'yes-no'
          ? input.options[value === true ? 'yes' : 'no']
          : input.kind === 'office'
            ? officeName(String(value))
            : Array.isArray(value)
              ? value.map((v) => (input.kind === 'offices' ? officeName(String(v)) : String(v))).join('、')
              : String(value);
    out.push([field.label, shown]);
  }
  return out;
}
