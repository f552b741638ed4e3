// Real-user monitoring: the renderer's paint timings (web vitals and its own first-list-painted
// mark) go to main, which forwards them to the sync server when signed in. web-vitals loads after
// the first list is on screen, so it costs the first paint nothing.
import type { Input } from '../src-shared/contract';
import { getApi } from './api/api';

type Metrics = Input<'rum.report'>['metrics'];

/** First report this long after the list painted (LCP settles by then); later ones when the page hides. */
const FIRST_REPORT_MS = 5_000;

export function startRum(surface: 'electron' | 'web'): void {
  const metrics: Metrics = {};
  let sentJson = '';
  const send = () => {
    const json = JSON.stringify(metrics);
    if (json === '{}' || json === sentJson) return;
    sentJson = json;
    // Quiet: a report that cannot be sent is not the user's problem.
    getApi()
      .call('rum.report', { metrics: { ...metrics }, surface })
      .catch(() => undefined);
  };

  const painted = () => performance.getEntriesByName('first-list-painted')[0];
  const begin = () => {
    const mark = painted();
    if (mark) metrics.first_list_painted = Math.round(mark.startTime);
    void import('web-vitals').then(({ onCLS, onFCP, onINP, onLCP }) => {
      const keep = (name: keyof Metrics) => (m: { value: number }) => {
        metrics[name] = name === 'CLS' ? Number(m.value.toFixed(4)) : Math.round(m.value);
      };
      onFCP(keep('FCP'), { reportAllChanges: true });
      onLCP(keep('LCP'), { reportAllChanges: true });
      onCLS(keep('CLS'), { reportAllChanges: true });
      onINP(keep('INP'), { reportAllChanges: true });
    });
    setTimeout(send, FIRST_REPORT_MS);
    document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && send());
  };

  if (painted()) begin();
  else {
    const observer = new PerformanceObserver(() => {
      if (!painted()) return;
      observer.disconnect();
      begin();
    });
    observer.observe({ entryTypes: ['mark'] });
  }
}
