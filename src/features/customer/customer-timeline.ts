/**
 * The timeline kinds of the customer side (impact, volume, remedies, the FAQ), registered with the
 * others (src/core/timeline.ts). Every change a person makes is one of these rows.
 * Help-desk samples from the webhook are not: they can come every few seconds, and live in
 * volume_samples; a sharp rise they show is a row.
 */
import { z } from 'zod';
import { defineTimelineKinds } from '../../core/timeline';

const CUSTOMER_TIMELINE_DATA = {
  impact_changed: z.object({ via: z.enum(['command', 'modal']) }),
  volume_recorded: z.object({ count: z.number().int(), source: z.string() }),
  volume_rise: z.object({ count: z.number().int(), median: z.number(), samples: z.number().int() }),
  remedy_added: z.object({ remedy_id: z.number().int() }),
  faq_started: z.object({ entries: z.number().int() }),
  faq_proposed: z.object({ faq_id: z.number().int(), number: z.number().int() }),
  faq_approved: z.object({ faq_id: z.number().int(), number: z.number().int() }),
} as const;

const CUSTOMER_TIMELINE_LABELS: Record<keyof typeof CUSTOMER_TIMELINE_DATA, string> = {
  impact_changed: 'Impact',
  volume_recorded: 'Volume',
  volume_rise: 'Volume rise',
  remedy_added: 'Remedy',
  faq_started: 'FAQ',
  faq_proposed: 'FAQ proposed',
  faq_approved: 'FAQ approved',
};

export const CUSTOMER_TIMELINE = defineTimelineKinds(CUSTOMER_TIMELINE_DATA, CUSTOMER_TIMELINE_LABELS);

type CustomerKinds = typeof CUSTOMER_TIMELINE.data;
declare module '../../core/timeline' {
  interface TimelineKinds extends CustomerKinds {}
}
