import type { z } from 'zod';
import type { Dayjs } from 'dayjs';
import { payloadSchemas } from '#shared/domain/act-payloads';
import { actFields, type ActField, type FormActType } from './act-fields';
import { validationText as v } from '#shared/messages/zh-CN';

/** The form's raw values: strings, numbers, dayjs dates, 'yes'/'no', or nothing. */
export type FormValues = Record<string, unknown>;

function shapeOf(type: FormActType): Record<string, z.ZodType> {
  return payloadSchemas[type].shape as Record<string, z.ZodType>; // every payload schema is a z.object
}

/** Whether the law requires the field: read from the act's payload schema, so the form and the core never differ. */
export function isRequired(type: FormActType, name: string): boolean {
  const field = shapeOf(type)[name];
  return field !== undefined && !field.safeParse(undefined).success;
}

function isDayjs(value: unknown): value is Dayjs {
  return (
    typeof value === 'object' &&
    value !== null &&
    'format' in value &&
    typeof (value as { format: unknown }).format === 'function'
  ); // narrowed by the checks before it
}

/** The payload an act's form stands for: empty inputs are left out, dates become Beijing days, yes/no booleans. */
export function toPayload(type: FormActType, values: FormValues): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const field of actFields[type]) {
    const value = values[field.name];
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) continue;
    if (field.input.kind === 'date' && isDayjs(value)) payload[field.name] = value.format('YYYY-MM-DD');
    else if (field.input.kind === 'yes-no') payload[field.name] = value === 'yes';
    else payload[field.name] = value;
  }
  return payload;
}

export interface FieldError {
  readonly name: string;
  readonly errors: string[];
}

/** The Chinese message of one zod issue, phrased for the kind of input that produced it. */
function issueText(issue: z.core.$ZodIssue, field: ActField | undefined): string {
  const choosing =
    field !== undefined &&
    ['select', 'yes-no', 'office', 'supervision', 'date', 'proposal', 'petition'].includes(field.input.kind);
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? (choosing ? v.choose : v.required) : v.invalid;
    case 'invalid_value':
      return v.choose;
    case 'too_small':
      if (issue.origin === 'number') return v.tooSmallNumber(Number(issue.minimum));
      return Number(issue.minimum) <= 1 ? v.required : v.tooShort(Number(issue.minimum));
    case 'too_big':
      if (issue.origin !== 'number') return v.tooLong(Number(issue.maximum));
      // 延期 is the one number the law bounds: say which article.
      return field?.name === 'days' ? v.extensionDays : v.tooLarge(Number(issue.maximum));
    case 'invalid_format':
      return field?.input.kind === 'date' ? v.date : v.invalid;
    default:
      return v.invalid;
  }
}

/** Checks the payload with the act's own schema; the errors come back per field, in Chinese. */
export function validatePayload(
  type: FormActType,
  payload: Record<string, unknown>,
): { ok: true } | { ok: false; errors: FieldError[] } {
  const parsed = payloadSchemas[type].safeParse(payload);
  if (parsed.success) return { ok: true };
  const byField = new Map<string, string[]>();
  for (const issue of parsed.error.issues) {
    const name = String(issue.path[0] ?? '');
    const field = actFields[type].find((f) => f.name === name);
    byField.set(name, [...(byField.get(name) ?? []), issueText(issue, field)]);
  }
  return { ok: false, errors: [...byField].map(([name, errors]) => ({ name, errors: [...new Set(errors)] })) };
}
