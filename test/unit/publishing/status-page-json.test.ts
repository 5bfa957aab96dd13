/** GET /status.json: CONTRACT.md's names (page, incidents: name, status, updates: body, created_at) and Statuspage's summary.json names beside them. */
import { type buildStatusJson, renderStatusPageJson } from '../../../src/features/publishing/status-page-json';
import { PAGE, TRICKY_TEXT, twoIncidents } from '../../helpers/status-page-fixture';

const json = JSON.parse(renderStatusPageJson(twoIncidents(), PAGE)) as ReturnType<typeof buildStatusJson>;

it('has the page as Statuspage describes it', () => {
  expect(json.page).toEqual({ id: 'acme', name: 'Acme service status', url: 'https://status.example.com/status', time_zone: 'Europe/Paris', updated_at: '2026-12-07T10:40:00.000Z' });
  expect(json.components).toEqual([]);
  expect(json.scheduled_maintenances).toEqual([]);
});

it('lists incidents open first, each with the contract’s name, status and updates (body, created_at), newest first', () => {
  expect(json.incidents.map((i) => [i.name, i.status])).toEqual([
    ['Payment problems', 'identified'],
    ['Delayed deliveries', 'resolved'],
  ]);
  const [payment] = json.incidents;
  expect(payment?.updates).toEqual([
    { id: 's93', body: 'A fix is being rolled out; payments are recovering.', created_at: '2026-12-07T10:40:00.000Z' },
    { id: 's92', body: TRICKY_TEXT, created_at: '2026-12-07T09:50:00.000Z' },
    { id: 's91', body: 'We are looking into failed card payments.', created_at: '2026-12-07T09:05:00.000Z' },
  ]);
});

it('adds Statuspage’s own incident fields and incident_updates, the same statements', () => {
  const [payment, deliveries] = json.incidents;
  expect(payment).toMatchObject({
    id: 'c9',
    created_at: '2026-12-07T09:05:00.000Z',
    started_at: '2026-12-07T09:05:00.000Z',
    updated_at: '2026-12-07T10:40:00.000Z',
    resolved_at: null,
    page_id: 'acme',
    shortlink: 'https://status.example.com/status#incident-c9',
  });
  expect(payment?.incident_updates.map((u) => [u.id, u.incident_id, u.body, u.created_at, u.display_at])).toEqual(payment?.updates.map((u) => [u.id, 'c9', u.body, u.created_at, u.created_at]));
  expect(deliveries?.resolved_at).toBe('2026-12-05T16:00:00.000Z');
});

it('carries nothing the model does not: no internal field appears', () => {
  const keys = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (keys.add(k), walk(x));
  };
  walk(json);
  expect([...keys].sort()).toEqual(
    ['body', 'components', 'created_at', 'display_at', 'id', 'incident_id', 'incident_updates', 'incidents', 'name', 'page', 'page_id', 'resolved_at', 'scheduled_maintenances', 'shortlink', 'started_at', 'status', 'time_zone', 'updated_at', 'updates', 'url'].sort(),
  );
});
