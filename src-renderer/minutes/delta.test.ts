import { describe, expect, it } from 'vitest';
import type { RichDelta } from '../../src-shared/richtext';
import { deltaToTree, treeToDelta, type MinutesNode } from './delta';

const t = (text: string): MinutesNode => ({ kind: 'text', text });
const el = (tag: string, ...children: MinutesNode[]): MinutesNode => ({ kind: 'element', tag, children });
const br = (): MinutesNode => el('br');

describe('treeToDelta (what the editor DOM becomes)', () => {
  it('reads the lines Chromium produces: bare first line, divs, a placeholder <br>', () => {
    const delta = treeToDelta([t('Opening'), el('div', t('Second '), el('b', t('bold'))), el('div', br()), el('div', t('after blank'))]);
    expect(delta).toEqual([
      { insert: 'Opening\nSecond ' },
      { insert: 'bold', attributes: { bold: true } },
      { insert: '\n\nafter blank\n' },
    ]);
  });

  it('puts header and list formats on the newline that ends the line', () => {
    const delta = treeToDelta([el('h2', t('Decisions')), el('ul', el('li', t('one')), el('li', t('two'))), el('p', t('end'))]);
    expect(delta).toEqual([
      { insert: 'Decisions' },
      { insert: '\n', attributes: { header: 2 } },
      { insert: 'one' },
      { insert: '\n', attributes: { list: 'bullet' } },
      { insert: 'two' },
      { insert: '\n', attributes: { list: 'bullet' } },
      { insert: 'end\n' },
    ]);
  });

  it('nests marks from tags and inline styles, and merges equal neighbours', () => {
    const delta = treeToDelta([
      el('p', el('strong', t('a'), el('em', t('b'))), { kind: 'element', tag: 'span', style: { bold: true }, children: [t('c')] }, el('u', t('d'))),
    ]);
    expect(delta).toEqual([
      { insert: 'a', attributes: { bold: true } },
      { insert: 'b', attributes: { bold: true, italic: true } },
      { insert: 'c', attributes: { bold: true } },
      { insert: 'd', attributes: { underline: true } },
      { insert: '\n' },
    ]);
  });

  it('treats <br> inside a line as a line break and a trailing one as nothing', () => {
    expect(treeToDelta([el('p', t('a'), br(), t('b'), br())])).toEqual([{ insert: 'a\nb\n' }]);
    expect(treeToDelta([el('p', t('a'), br(), br())])).toEqual([{ insert: 'a\n\n' }]);
  });

  it('reads an empty editor as empty minutes', () => {
    expect(treeToDelta([])).toEqual([]);
    expect(treeToDelta([br()])).toEqual([]);
    expect(treeToDelta([el('p', br())])).toEqual([]);
  });

  it('normalizes no-break and zero-width spaces', () => {
    expect(treeToDelta([el('p', t('a\u00a0\u00a0b\u200b'))])).toEqual([{ insert: 'a  b\n' }]);
  });
});

describe('deltaToTree (what the editor renders)', () => {
  it('groups list lines into one list and wraps marks as b > i > u', () => {
    const tree = deltaToTree([
      { insert: 'x', attributes: { bold: true, underline: true } },
      { insert: '\n', attributes: { list: 'bullet' } },
      { insert: 'y' },
      { insert: '\n', attributes: { list: 'bullet' } },
    ]);
    expect(tree).toEqual([el('ul', el('li', el('b', el('u', t('x')))), el('li', t('y')))]);
  });

  it('renders an empty line as a paragraph holding a <br>, and keeps a last line with no newline', () => {
    expect(deltaToTree([{ insert: 'a\n\nb' }])).toEqual([el('p', t('a')), el('p', br()), el('p', t('b'))]);
  });
});

describe('round trip', () => {
  const cases: Record<string, RichDelta> = {
    plain: [{ insert: 'Minutes of the meeting\n' }],
    'bold and heading': [
      { insert: 'Resolutions' },
      { insert: '\n', attributes: { header: 1 } },
      { insert: 'The board ' },
      { insert: 'approved', attributes: { bold: true } },
      { insert: ' the ' },
      { insert: 'budget', attributes: { bold: true, italic: true, underline: true } },
      { insert: '.\n\n' },
    ],
    lists: [
      { insert: 'first' },
      { insert: '\n', attributes: { list: 'ordered' } },
      { insert: 'second' },
      { insert: '\n', attributes: { list: 'ordered' } },
      { insert: 'bullet' },
      { insert: '\n', attributes: { list: 'bullet' } },
      { insert: 'heading item' },
      { insert: '\n', attributes: { header: 3, list: 'bullet' } },
    ],
  };
  for (const [name, delta] of Object.entries(cases)) {
    it(`${name}: delta -> tree -> delta is the identity`, () => {
      expect(treeToDelta(deltaToTree(delta))).toEqual(delta);
    });
  }
});
