/** The fakes refuse what the real services refuse, so a client test that passes against them means something. */
import { FakeStatuspage } from '../../fakes/statuspage-fake';
import { FakeZendesk } from '../../fakes/zendesk-fake';

const statuspage = new FakeStatuspage();
const zendesk = new FakeZendesk();

beforeAll(async () => {
  await statuspage.start();
  await zendesk.start();
});
afterAll(async () => {
  await statuspage.stop();
  await zendesk.stop();
});

async function post(url: string, headers: Record<string, string>, body: string, method = 'POST'): Promise<[number, unknown]> {
  const res = await fetch(url, { method, headers, body });
  return [res.status, (await res.json())];
}

describe('Statuspage', () => {
  const auth = () => ({ Authorization: `OAuth ${statuspage.apiKey}`, 'Content-Type': 'application/json' });
  const url = () => `${statuspage.apiUrl}/pages/${statuspage.pageId}/incidents`;

  it.each([
    ['a blank name', { incident: { name: ' ', status: 'investigating' } }, 422],
    ['an unknown status', { incident: { name: 'X', status: 'on_fire' } }, 422],
    ['an unknown field', { incident: { name: 'X', title: 'X' } }, 422],
    ['no incident', { name: 'X' }, 400],
  ])('refuses %s', async (_what, body, status) => {
    expect((await post(url(), auth(), JSON.stringify(body)))[0]).toBe(status);
  });

  it('refuses a Bearer token and accepts the form encoding their docs show', async () => {
    expect((await post(url(), { ...auth(), Authorization: `Bearer ${statuspage.apiKey}` }, '{}'))[0]).toBe(401);
    const [status, incident] = await post(url(), { Authorization: `OAuth ${statuspage.apiKey}`, 'Content-Type': 'application/x-www-form-urlencoded' }, 'incident[name]=Outage&incident[status]=identified&incident[body]=Hi');
    expect(status).toBe(201);
    expect(incident).toMatchObject({ name: 'Outage', status: 'identified', incident_updates: [{ body: 'Hi', status: 'identified' }] });
  });
});

describe('Zendesk', () => {
  const auth = () => ({ Authorization: `Basic ${Buffer.from(`${zendesk.email}/token:${zendesk.apiToken}`).toString('base64')}`, 'Content-Type': 'application/json' });

  it.each([
    ['no actions', { macro: { title: 'T' } }],
    ['an action on an unknown field', { macro: { title: 'T', actions: [{ field: 'comment_text', value: 'x' }] } }],
    ['a blank title', { macro: { title: '', actions: [{ field: 'comment_value', value: 'x' }] } }],
    ['a property macros do not have', { macro: { title: 'T', name: 'T', actions: [{ field: 'comment_value', value: 'x' }] } }],
  ])('refuses %s with 422 RecordInvalid', async (_what, body) => {
    const [status, answer] = await post(`${zendesk.url}/api/v2/macros`, auth(), JSON.stringify(body));
    expect(status).toBe(422);
    expect(answer).toMatchObject({ error: 'RecordInvalid', description: 'Record validation errors' });
  });

  it('refuses the password form of basic auth and an unknown macro', async () => {
    const password = { ...auth(), Authorization: `Basic ${Buffer.from(`${zendesk.email}:${zendesk.apiToken}`).toString('base64')}` };
    expect(await post(`${zendesk.url}/api/v2/macros`, password, '{}')).toEqual([401, { error: "Couldn't authenticate you" }]);
    expect(await post(`${zendesk.url}/api/v2/macros/1`, auth(), JSON.stringify({ macro: { active: false } }), 'PUT')).toEqual([404, { error: 'RecordNotFound', description: 'Not found' }]);
  });
});
