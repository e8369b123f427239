import type { CaseEvent } from '#shared/domain/case-types';
import { actFields, isFormAct } from '../acts/act-fields';
import { channelText, classText } from '#shared/messages/zh-CN';

/**
 * What an act carried, as label/value pairs in Chinese for the timeline: the labels and option texts are the act
 * form's own (acts/act-fields.ts), so a record reads the way it was entered.
 */
export function describeEvent(event: CaseEvent, officeName: (id: string) => string): [label: string, value: string][] {
  if (event.type === 'register') return [[channelText[event.payload.channel], event.payload.title], ...(event.payload.class ? [['', classText[event.payload.class]] as [string, string]] : [])];
  if (!isFormAct(event.type)) return [];
  const payload = event.payload as Record<string, unknown>; // a payload is a plain object of its schema's fields
  const out: [string, string][] = [];
  for (const field of actFields[event.type]) {
    const value = payload[field.name];
    if (value === undefined || value === '') continue;
    const input = field.input;
    const shown =
      input.kind === 'select' ? (input.options[String(value)] ?? String(value))
      : input.kind === 'yes-no' ? input.options[value === true ? 'yes' : 'no']
      : input.kind === 'office' ? officeName(String(value))
      : String(value);
    out.push([field.label, shown]);
  }
  return out;
}
