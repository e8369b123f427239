import { describe, expect, it } from 'vitest';
import { approvalActsOf, DEFAULT_APPROVAL_ACTS } from '#shared/domain/approval';

/** 第三十四条: which acts a 负责人 approves is the county's setting, inherited down the office tree. */
const county = { id: 'county', parentId: '' };
const township = { id: 'township', parentId: 'county' };
const station = { id: 'station', parentId: 'township' };

describe('approvalActsOf (第三十四条 报批)', () => {
  it('第三十四条 where no office sets it, 不予受理, 不再受理, 终结 and 延期 need a 负责人', () => {
    expect(approvalActsOf([county, township], 'township')).toEqual(DEFAULT_APPROVAL_ACTS);
    expect(DEFAULT_APPROVAL_ACTS).toEqual(['reject', 'no-further-acceptance', 'close', 'extend']);
    expect(approvalActsOf([], undefined)).toEqual(DEFAULT_APPROVAL_ACTS);
  });

  it('第三十四条 the county’s setting reaches every office below it; an office’s own setting (even none) wins for it and below', () => {
    const offices = [
      { ...county, approvalActs: ['extend' as const] },
      { ...township, approvalActs: [] },
      station,
      { id: 'other', parentId: 'county' },
    ];
    expect(approvalActsOf(offices, 'other')).toEqual(['extend']);
    expect(approvalActsOf(offices, 'county')).toEqual(['extend']);
    expect(approvalActsOf(offices, 'township')).toEqual([]);
    expect(approvalActsOf(offices, 'station')).toEqual([]);
  });

  it('a directory with a cycle ends the walk at the default instead of looping', () => {
    expect(
      approvalActsOf(
        [
          { id: 'a', parentId: 'b' },
          { id: 'b', parentId: 'a' },
        ],
        'a',
      ),
    ).toEqual(DEFAULT_APPROVAL_ACTS);
  });
});
