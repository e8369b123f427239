import { describe, expect, it } from 'vitest';
import type { RxDocumentData } from 'rxdb';
import { DocumentMemo } from '../../../src-main/storage-sqlite/doc-cache';

function doc(id: string, rev: string, lwt: number): RxDocumentData<{ id: string }> {
  return { id, _rev: rev, _meta: { lwt }, _deleted: false, _attachments: {} };
}

describe('the parse memo', () => {
  it('returns a document only for the (rev, lwt) the row holds now', () => {
    const scope = new DocumentMemo(1000).scope('/f', 't');
    const a = doc('a', '1-x', 10);
    scope.set('a', a, 50);
    expect(scope.get('a', '1-x', 10)).toBe(a);
    // Same rev written again after a purge (RxDB's rev is height-token), but a later lwt: a miss.
    expect(scope.get('a', '1-x', 11)).toBeUndefined();
    expect(scope.get('a', '2-x', 10)).toBeUndefined();
    expect(scope.get('b', '1-x', 10)).toBeUndefined();
  });

  it('keeps tables and files apart', () => {
    const memo = new DocumentMemo(1000);
    memo.scope('/f', 't').set('a', doc('a', '1-x', 10), 50);
    expect(memo.scope('/f', 't').get('a', '1-x', 10)).toBeDefined();
    expect(memo.scope('/f', 'u').get('a', '1-x', 10)).toBeUndefined();
    expect(memo.scope('/g', 't').get('a', '1-x', 10)).toBeUndefined();
  });

  it('stays within its budget by generations; a hit keeps an entry young', () => {
    // Young maps hold up to half the budget: two entries of 20 here.
    const scope = new DocumentMemo(80).scope('/f', 't');
    const docs = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => doc(id, '1-x', 1));
    for (const d of docs.slice(0, 3)) scope.set(d.id, d, 20); // a, b then c ages them: old {a, b, c}
    expect(scope.get('a', '1-x', 1)).toBe(docs[0]); // back to young
    for (const d of docs.slice(3, 5)) scope.set(d.id, d, 20); // e ages again: old {a, d, e}, b gone
    expect(scope.get('b', '1-x', 1)).toBeUndefined();
    expect(scope.get('a', '1-x', 1)).toBe(docs[0]);
    expect(scope.get('e', '1-x', 1)).toBe(docs[4]);
  });

  it('with a budget of 0 keeps nothing; clear drops a table', () => {
    const off = new DocumentMemo(0).scope('/f', 't');
    off.set('a', doc('a', '1-x', 1), 10);
    expect(off.has('a')).toBe(false);
    const on = new DocumentMemo(1000).scope('/f', 't');
    on.set('a', doc('a', '1-x', 1), 10);
    on.clear();
    expect(on.has('a')).toBe(false);
  });
});
