import { describe, expect, it } from 'vitest';
import { SourceCreateSchema } from './source.schema.ts';

const withUrl = (url: string) =>
  SourceCreateSchema.safeParse({ kind: 'news_article', title: 'An article', url });

describe('the web address of a source', () => {
  it('takes http and https addresses', () => {
    expect(withUrl('https://example.org/2021/02/09/article').success).toBe(true);
    expect(withUrl('http://example.org/a?b=c').success).toBe(true);
  });

  it('refuses addresses that would run or show something when followed, naming the field', () => {
    for (const url of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'ftp://example.org/list.csv',
      'example.org/article',
    ]) {
      const result = withUrl(url);
      expect(result.success, url).toBe(false);
      expect(result.error?.issues[0]).toMatchObject({
        path: ['url'],
        message: 'must be a full http(s) address',
      });
    }
  });
});
