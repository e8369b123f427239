import type { CaseEvent } from '#shared/domain/case-types';
import { actFields, isFormAct } from '../acts/act-fields';
import { channelText, classText, fieldText, messages } from '#shared/messages/zh-CN';

/**
 * What an act carried, as label/value pairs in Chinese for the timeline: the labels and option texts are the act
 * form's own (acts/act-fields.ts), so a record reads the way it was entered.
 */
export function describeEvent(event: CaseEvent, officeName: (id: string) => string): [label: string, value: string][] {
  if (event.type === 'register') {
    const p = event.payload;
    const out: [string, string][] = [[channelText[p.channel], p.title]];
    if (p.class) out.push(['', classText[p.class]]);
    // 第三十条第三款: shown only to who may read the matter (the core leaves them out of a masked one).
    if (p.accusedOfficeIds.length > 0) out.push([fieldText.accusedOfficeIds, p.accusedOfficeIds.map(officeName).join('、')]);
    if (p.accusedPersons?.length) out.push([messages.intake.accusedPersons, p.accusedPersons.join('、')]);
    return out;
  }
  if (!isFormAct(event.type)) return [];
  const payload = event.payload as Record<string, unknown>; // a payload is a plain object of its schema's fields
  const out: [string, string][] = [];
  for (const field of actFields[event.type]) {
    const value = payload[field.name];
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    const input = field.input;
    const shown =
      input.kind === 'select' ? (input.options[String(value)] ?? String(value))
      : input.kind === 'yes-no' ? input.options[value === true ? 'yes' : 'no']
      : input.kind === 'office' ? officeName(String(value))
      : Array.isArray(value) ? value.map((v) => (input.kind === 'offices' ? officeName(String(v)) : String(v))).join('、')
      : String(value);
    out.push([field.label, shown]);
  }
  return out;
}
