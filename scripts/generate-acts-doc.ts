/**
 * docs/acts.md: the act table of 《信访工作条例》 as the desk enforces it, generated from `actRules`
 * (shared/domain/acts.ts) with the catalogue's Chinese names, so the document never says what the code does not.
 * A test (tests/shared/domain/acts-doc.test.ts) fails when the checked-in file differs from this output.
 *
 * Run: `npm run acts:generate` (writes docs/acts.md), or `npx tsx scripts/generate-acts-doc.ts` (prints it).
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { actTypes } from '#shared/domain/act-payloads';
import { actRules, type ActRule } from '#shared/domain/acts';
import { actText, roleText, statusText } from '#shared/messages/zh-CN';

export const actsDocFile = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'acts.md');

/** A table cell: one line, no column breaks. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

function from(rule: ActRule): string {
  if (rule.from === 'any') return '任何状态';
  if (rule.from.length === 0) return '（新事项）';
  return rule.from.map((s) => statusText[s]).join('、');
}

/** The act table as Markdown, one row per act type in the table's own order. */
export function actsDoc(): string {
  const rows = actTypes.map((type) => {
    const rule = actRules[type] as ActRule; // indexed by its own type
    return [
      `${actText[type]}（\`${type}\`）`,
      rule.article,
      from(rule),
      rule.to === undefined ? '不变' : statusText[rule.to],
      rule.roles.map((r) => roleText[r]).join('、'),
      rule.office === 'current' ? '当前承办机构' : '可见该事项的机构',
      rule.words,
    ].map(cell);
  });
  return [
    '# 信访事项的办理行为',
    '',
    '<!-- 由 scripts/generate-acts-doc.ts 根据 shared/domain/acts.ts 生成，请勿手工修改；重新生成：npm run acts:generate -->',
    '',
    '每一项行为：依据的条款，可以在哪些状态下进行，进行后的状态（“不变”：状态不变或由所填内容决定，见规则），',
    '可以进行的角色，哪个机构可以进行（“当前承办机构”：只有事项当前所在的机构；“可见该事项的机构”：看得到该事项的机构，另有规则的从其规则），以及规则。',
    '',
    '| 行为 | 条款 | 可进行的状态 | 进行后的状态 | 角色 | 机构 | 规则 |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
  ].join('\n');
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--write')) writeFileSync(actsDocFile, actsDoc());
  else process.stdout.write(actsDoc());
}
