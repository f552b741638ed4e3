// Real-user monitoring: what the desktop (or a browser) reports after painting, sent to
// `POST /api/v1/metrics/rum` and exported by the server as histograms. Web vitals (FCP, LCP, INP in
// milliseconds, CLS unitless) plus the renderer's own `first_list_painted`: milliseconds from the
// host's start to the first boardroom list on screen (DESIGN.md, Budgets).
import { z } from 'zod';

export const RUM_PATH = '/api/v1/metrics/rum';

export const RUM_TIMINGS = ['FCP', 'LCP', 'INP', 'first_list_painted'] as const;
export type RumTiming = (typeof RUM_TIMINGS)[number];
export const RUM_METRICS = [...RUM_TIMINGS, 'CLS'] as const;
export type RumMetric = (typeof RUM_METRICS)[number];

/** Ten minutes: anything slower is a clock or a sleeping laptop, not a paint. */
const MAX_MS = 600_000;

const ms = z
  .number({ error: 'must be a number of milliseconds' })
  .finite('must be a finite number')
  .min(0, 'must be 0 or more')
  .max(MAX_MS, `must be at most ${MAX_MS} ms`);

export const rumReportSchema = z.strictObject({
  metrics: z
    .strictObject({
      FCP: ms.optional(),
      LCP: ms.optional(),
      INP: ms.optional(),
      first_list_painted: ms.optional(),
      CLS: z.number({ error: 'must be a number' }).finite('must be a finite number').min(0, 'must be 0 or more').max(100, 'must be at most 100').optional(),
    })
    .refine((m) => Object.values(m).some((v) => v !== undefined), 'report at least one of FCP, LCP, CLS, INP or first_list_painted'),
  /** Where it was painted: the Electron window or a browser on the headless host. */
  surface: z.enum(['electron', 'web'], { error: 'must be electron or web' }).optional(),
  appVersion: z.string({ error: 'must be text' }).max(40, 'must be at most 40 characters').optional(),
});

export type RumReport = z.infer<typeof rumReportSchema>;
