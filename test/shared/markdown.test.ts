import { describe, expect, it } from 'vitest';
import { markdownText } from '../../shared/markdown.js';

describe('markdownText', () => {
  const hostile =
    'Error 500: <script>alert(1)</script> [click](javascript:alert(1)) ![x](http://e.test/p.png) ping @octocat | cell `code` <!-- marker -->\nsecond line';

  it('leaves no tag, link, image, mention, table cell or line break a summary would render', () => {
    const safe = markdownText(hostile);
    expect(safe).not.toMatch(/<[a-z!/]/i);
    expect(safe).not.toMatch(/(^|[^\\])\]\(/);
    expect(safe).not.toMatch(/(^|[^\\])\|/);
    expect(safe).not.toMatch(/(^|[^\\])`/);
    expect(safe).not.toMatch(/@\w/);
    expect(safe).not.toContain('\n');
    expect(safe).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(safe).toContain('\\[click\\](javascript:alert(1))');
    expect(safe).toContain('@\u200bocto');
  });

  it('keeps plain text as it reads and cuts long text', () => {
    expect(markdownText('county answered 503 for 85031')).toBe('county answered 503 for 85031');
    expect(markdownText('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
