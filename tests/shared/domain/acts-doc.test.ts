import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { actsDoc, actsDocFile } from '../../../scripts/generate-acts-doc';
import { actTypes } from '#shared/domain/act-payloads';
import { actRules } from '#shared/domain/acts';

/** docs/acts.md is the act table of shared/domain/acts.ts as scripts/generate-acts-doc.ts prints it. */
describe('docs/acts.md', () => {
  it('equals the output of scripts/generate-acts-doc.ts (regenerate with npm run acts:generate)', () => {
    expect(readFileSync(actsDocFile, 'utf8')).toBe(actsDoc());
  });

  it('has one row per act, with its article (第N条) and its rule in words', () => {
    const doc = actsDoc();
    for (const type of actTypes) {
      const row = doc.split('\n').find((line) => line.includes(`（\`${type}\`）`));
      expect(row, type).toContain(`| ${actRules[type].article} |`);
      expect(row, type).toContain(actRules[type].words.replace(/\|/g, '\\|'));
    }
  });
});
