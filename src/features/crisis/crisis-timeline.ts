/** The crisis feature's timeline kind: the declaration, with what the crisis was declared as. */
import { z } from 'zod';
import { SEVERITIES } from '../../core/crisis';
import { defineTimelineKinds } from '../../core/timeline';

export const CRISIS_TIMELINE = defineTimelineKinds(
  {
    declared: z.object({
      severity: z.enum(SEVERITIES),
      // A playbook id; rows from before playbooks hold the old ids (service_outage, …).
      crisis_type: z.string(),
      channel_id: z.string(),
      private: z.boolean().optional(),
      drill: z.boolean().optional(),
    }),
  },
  { declared: 'Declared' },
);

type CrisisKinds = typeof CRISIS_TIMELINE.data;
declare module '../../core/timeline' {
  interface TimelineKinds extends CrisisKinds {}
}
