import { describe, expect, it } from 'vitest';
import { buildCsp } from './csp.js';

function parse(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name ?? '', sources];
    }),
  );
}

describe('buildCsp (packaged)', () => {
  const policy = parse(buildCsp());

  it('denies by default and allows scripts and styles only from the app itself', () => {
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
  });

  it("lets the search worker load from 'self' or a blob", () => {
    expect(policy.get('worker-src')).toEqual(["'self'", 'blob:']);
  });

  it('names no remote origin anywhere', () => {
    for (const [name, sources] of policy) {
      for (const source of sources) {
        expect(source, `${name} ${source}`).toMatch(/^('self'|'none'|data:|blob:)$/);
      }
    }
  });

  it('forbids being framed, <base> and form posts', () => {
    for (const name of ['frame-ancestors', 'base-uri', 'form-action']) {
      expect(policy.get(name), name).toEqual(["'none'"]);
    }
  });

  it('allows frames and the PDF viewer only for blobs the app made itself', () => {
    expect(policy.get('frame-src')).toEqual(['blob:']);
    expect(policy.get('object-src')).toEqual(['blob:']);
  });

  it('never allows eval', () => {
    expect(buildCsp()).not.toContain('unsafe-eval');
  });
});

describe('buildCsp (dev server)', () => {
  it('relaxes only inline scripts/styles and the HMR socket of that one origin', () => {
    const dev = parse(buildCsp({ devServerOrigin: 'http://localhost:5173' }));
    expect(dev.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(dev.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
    expect(dev.get('default-src')).toEqual(["'none'"]);
  });

  it('refuses a dev origin that is not loopback http, so nothing can be injected into the policy', () => {
    for (const origin of ['https://example.com', 'http://10.0.0.5:5173', "http://localhost:5173; script-src *", 'nonsense']) {
      expect(() => buildCsp({ devServerOrigin: origin }), origin).toThrow(/loopback origin/);
    }
  });
});
