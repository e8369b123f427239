import { describe, expect, it } from 'vitest';
import { syncErrorText } from '#shared/messages/codes';
import { syncErrorCodes } from '#shared/sync/protocol';

const chinese = /[\u4e00-\u9fff]/;

/** The top bar shows a sync error only by its catalogue text, never the raw code: every code needs one. */
describe('the catalogue names every sync error code', () => {
  it.each(syncErrorCodes)('%s has a zh-CN text', (code) => {
    expect(syncErrorText[code]).toMatch(chinese);
  });

  it('holds no text for a code that does not exist', () => {
    expect(Object.keys(syncErrorText).sort()).toEqual([...syncErrorCodes].sort());
  });
});
