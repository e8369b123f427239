import { describe, expect, it } from 'vitest';
import { ParsedDocumentCache } from '../../../src-main/storage-sqlite/doc-cache';

describe('the parse memo', () => {
  it('returns the remembered object for the same text, and parses a changed text afresh', () => {
    const cache = new ParsedDocumentCache(1000);
    const doc = { id: 'a', _rev: '1-x' };
    cache.remember(JSON.stringify(doc), doc);
    expect(cache.parse(JSON.stringify({ id: 'a', _rev: '1-x' }))).toBe(doc);
    const changed = cache.parse<{ _rev: string }>(JSON.stringify({ id: 'a', _rev: '2-x' }));
    expect(changed).not.toBe(doc);
    expect(changed._rev).toBe('2-x');
  });

  it('stays within its character budget, dropping the oldest entries first', () => {
    const cache = new ParsedDocumentCache(60);
    const texts = ['a', 'b', 'c', 'd'].map((id) => JSON.stringify({ id, pad: 'x'.repeat(10) }));
    const first = cache.parse(texts[0]);
    for (const text of texts.slice(1)) cache.parse(text);
    expect(cache.parse(texts[3])).toBe(cache.parse(texts[3]));
    expect(cache.parse(texts[0])).not.toBe(first);
  });

  it('with a budget of 0 always parses', () => {
    const cache = new ParsedDocumentCache(0);
    const text = JSON.stringify({ id: 'a' });
    expect(cache.parse(text)).not.toBe(cache.parse(text));
  });
});
