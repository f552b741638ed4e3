import { describe, expect, it } from 'vitest';
import { externalHttpUrl } from './external-url.js';

describe('externalHttpUrl', () => {
  it('passes http and https links through, normalized', () => {
    expect(externalHttpUrl('https://example.com/board pack.pdf')).toBe('https://example.com/board%20pack.pdf');
    expect(externalHttpUrl('HTTP://Example.com')).toBe('http://example.com/');
    expect(externalHttpUrl('https://meet.example.com/j/123?pwd=x#y')).toBe('https://meet.example.com/j/123?pwd=x#y');
  });

  it('refuses every other scheme', () => {
    for (const raw of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'app://boardroom/index.html',
      'smb://server/share',
      'ms-msdt:/id PCWDiagnostic',
      'mailto:secretary@example.com',
      'vbscript:msgbox',
      '\\\\server\\share',
    ]) {
      expect(externalHttpUrl(raw), raw).toBeNull();
    }
  });

  it('refuses relative, malformed, hostless, oversized and non-string input', () => {
    expect(externalHttpUrl('/meetings/1')).toBeNull();
    expect(externalHttpUrl('https://')).toBeNull();
    expect(externalHttpUrl('not a url')).toBeNull();
    expect(externalHttpUrl(`https://example.com/${'a'.repeat(3000)}`)).toBeNull();
    expect(externalHttpUrl(undefined)).toBeNull();
    expect(externalHttpUrl({ href: 'https://example.com' })).toBeNull();
  });
});
