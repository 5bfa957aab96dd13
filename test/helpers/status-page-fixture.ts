/**
 * A status page with what a customer would see during a real crisis: an open incident with three
 * statements (one with text that must be escaped and keeps its line break) and a resolved one.
 */
import type { StatusPageModel } from '../../src/features/publishing/status-page-model';

export const TRICKY_TEXT = 'Card payments fail for some customers <b>not bold</b> & "quoted" \'text\'.\nWe will update you by 11:00.';

export function twoIncidents(): StatusPageModel {
  return {
    title: 'Acme service status',
    intro: 'Updates from Acme about problems affecting our customers.',
    generatedAt: '2026-12-07T10:40:00Z',
    incidents: [
      {
        id: 'c7',
        publicName: 'Delayed deliveries',
        state: 'resolved',
        updatedAt: '2026-12-05T16:00:00Z',
        resolvedAt: '2026-12-05T16:00:00Z',
        updates: [
          { id: 's71', body: 'Some parcels are delayed by a day.', createdAt: '2026-12-05T09:00:00Z' },
          { id: 's72', body: 'All delayed parcels have now been delivered.', createdAt: '2026-12-05T16:00:00Z' },
        ],
      },
      {
        id: 'c9',
        publicName: 'Payment problems',
        state: 'identified',
        updatedAt: '2026-12-07T10:40:00Z',
        updates: [
          { id: 's91', body: 'We are looking into failed card payments.', createdAt: '2026-12-07T09:05:00Z' },
          { id: 's93', body: 'A fix is being rolled out; payments are recovering.', createdAt: '2026-12-07T10:40:00Z' },
          { id: 's92', body: TRICKY_TEXT, createdAt: '2026-12-07T09:50:00Z' },
        ],
      },
    ],
  };
}

export const PAGE = { pageUrl: 'https://status.example.com/status', timeZone: 'Europe/Paris', pageId: 'acme' };
