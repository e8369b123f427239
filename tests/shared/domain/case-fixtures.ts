import type { ActPayload, ActType } from '#shared/domain/act-payloads';
import type { Actor, CaseEvent } from '#shared/domain/case-types';
import type { Role } from '#shared/domain/codes';

/** Builders for case events in tests: a small story DSL with readable Beijing times. */

export const township = 'office-town-a';
export const townshipB = 'office-town-b';
export const county = 'office-county';

export function actor(role: Role = 'handler', officeId = township, userId = `${officeId}-${role}`): Actor {
  return { userId, officeId, role };
}

let counter = 0;

/** A Beijing time 'YYYY-MM-DD' or 'YYYY-MM-DD HH:mm' → ISO instant with +08:00. */
export function at(beijing: string): string {
  const [day, time = '10:00'] = beijing.split(' ');
  return `${day}T${time}:00+08:00`;
}

export function event<T extends ActType>(
  type: T,
  payload: ActPayload<T>,
  when: string,
  by: Actor = actor(),
  options: { id?: string; caseId?: string; after?: string[] } = {},
): CaseEvent {
  counter += 1;
  return {
    id: options.id ?? `ev-${String(counter).padStart(6, '0')}`,
    caseId: options.caseId ?? 'case-1',
    type,
    payload,
    actor: by,
    occurredAt: at(when),
    recordedAt: at(when),
    article: '第十九条',
    after: options.after ?? [],
  } as CaseEvent; // T is one act type: the object is exactly that act's event
}

export function register(
  when: string,
  by: Actor = actor('receptionist'),
  extra: Partial<ActPayload<'register'>> = {},
): CaseEvent {
  return event(
    'register',
    {
      caseNumber: 'T01-2025-D1-0001',
      receivedAt: at(when),
      channel: 'visit',
      petitionIds: ['p-1'],
      petitionerIds: ['pp-1'],
      title: '土地征收补偿款未足额发放',
      flags: [],
      accusedOfficeIds: [],
      ...extra,
    },
    when,
    by,
  );
}

export const acceptClaim: ActPayload<'accept'> = { noticeMethod: 'on-site', class: 'claim', procedure: 'opinion' };
