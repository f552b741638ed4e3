// A deterministic synthetic corpus for the search benchmarks: board-paper-like text drawn from a
// vocabulary with a Zipf distribution (a few words very common, most rare), so prefix and
// full-text queries see realistic posting-list lengths.
import { random } from '../src-main/demo/seed.js';

const SYLLABLES = [
  'ba', 'ce', 'di', 'fo', 'gu', 'ha', 'je', 'ki', 'lo', 'mu', 'na', 'pe', 'qui', 'ro', 'sa', 'te', 'vi', 'wo', 'xa', 'ze',
  'bro', 'cla', 'dre', 'fli', 'gro', 'pla', 'str', 'tra', 'ven', 'mor', 'lin', 'tas', 'rel', 'pon', 'dar', 'sil',
];
const BOARD_WORDS = [
  'board', 'audit', 'risk', 'committee', 'strategy', 'budget', 'capital', 'liquidity', 'treasury', 'remuneration',
  'governance', 'compliance', 'dividend', 'acquisition', 'forecast', 'revenue', 'margin', 'pension', 'insurance', 'report',
  'quarterly', 'annual', 'policy', 'approval', 'minutes', 'resolution', 'director', 'chair', 'secretary', 'shareholder',
  'cyber', 'security', 'sustainability', 'climate', 'procurement', 'litigation', 'regulator', 'appointment', 'succession', 'review',
];

export { random };

export interface Corpus {
  word(): string;
  sentence(words: number): string;
  title(): string;
  /** About `chars` characters of text split into pages of ~3,000 characters. */
  pages(chars: number): string[];
  vocabulary: string[];
}

export function corpus(seed = 42, vocabularySize = 30_000): Corpus {
  const rnd = random(seed);
  const vocabulary = [...BOARD_WORDS];
  const seen = new Set(vocabulary);
  while (vocabulary.length < vocabularySize) {
    let w = '';
    const n = 2 + Math.floor(rnd() * 3);
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rnd() * SYLLABLES.length)];
    if (!seen.has(w)) {
      seen.add(w);
      vocabulary.push(w);
    }
  }
  // Zipf with s = 1: the CDF over ranks, sampled by binary search.
  const cdf = new Float64Array(vocabulary.length);
  let sum = 0;
  for (let i = 0; i < vocabulary.length; i++) cdf[i] = sum += 1 / (i + 1);
  for (let i = 0; i < cdf.length; i++) cdf[i]! /= sum;
  const word = () => {
    const x = rnd();
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return vocabulary[lo]!;
  };
  const sentence = (n: number) => {
    const words: string[] = [];
    for (let i = 0; i < n; i++) words.push(word());
    const s = words.join(' ');
    return s.charAt(0).toUpperCase() + s.slice(1) + '.';
  };
  const title = () => {
    const s = sentence(2 + Math.floor(rnd() * 4)).slice(0, -1);
    return s;
  };
  const pages = (chars: number) => {
    const out: string[] = [];
    let page = '';
    let total = 0;
    while (total < chars) {
      const s = sentence(6 + Math.floor(rnd() * 14));
      page += (page ? ' ' : '') + s;
      total += s.length + 1;
      if (page.length >= 3_000) {
        out.push(page);
        page = '';
      }
    }
    if (page) out.push(page);
    return out;
  };
  return { word, sentence, title, pages, vocabulary };
}

/**
 * Queries as a person types them: every prefix of a word (from 2 characters), mostly common words,
 * some rare ones, and some two-word queries.
 */
export function keystrokeQueries(c: Corpus, count: number, seed = 7): string[] {
  const rnd = random(seed);
  const out: string[] = [];
  while (out.length < count) {
    const pick = rnd() < 0.7 ? c.vocabulary[Math.floor(rnd() * 200)]! : c.vocabulary[Math.floor(rnd() * c.vocabulary.length)]!;
    const prefix = rnd() < 0.25 ? `${c.vocabulary[Math.floor(rnd() * 50)]} ` : '';
    for (let i = 2; i <= pick.length && out.length < count; i++) out.push(prefix + pick.slice(0, i));
  }
  return out;
}

/** Whole-word queries for full text: one or two words, common and rare. */
export function wordQueries(c: Corpus, count: number, seed = 11): string[] {
  const rnd = random(seed);
  const out: string[] = [];
  while (out.length < count) {
    const a = c.vocabulary[Math.floor(rnd() * (rnd() < 0.5 ? 300 : c.vocabulary.length))]!;
    out.push(rnd() < 0.4 ? `${a} ${c.vocabulary[Math.floor(rnd() * 2_000)]}` : a);
  }
  return out;
}
