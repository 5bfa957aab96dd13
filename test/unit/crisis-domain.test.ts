/** Crisis domain rules: channel names, titles, status changes, and who may manage a crisis. */
import { assertStatusChange, crisisChannelName, MAX_CHANNEL_NAME, slugify, validateTitle } from '../../src/core/crisis';
import { CrisisError } from '../../src/core/errors';
import { assertCanManage, canManage } from '../../src/core/permissions';
import { mrkdwn } from '../../src/slack/views/words';

/** Slack's rule for channel names, as CONTRACT.md states it. */
const VALID_NAME = /^[a-z0-9_-]{1,80}$/;
const NOV26_2330_UTC = new Date('2024-11-26T23:30:00Z');

function thrown(fn: () => unknown): CrisisError {
  try {
    fn();
  } catch (err) {
    if (err instanceof CrisisError) return err;
    throw err;
  }
  throw new Error('expected a CrisisError');
}

describe('slugify', () => {
  it('lower-cases, drops accents and joins words with single dashes', () => {
    expect(slugify('Checkout payments failing')).toBe('checkout-payments-failing');
    expect(slugify('Café Über-outage: señor crème brûlée!!')).toBe('cafe-uber-outage-senor-creme-brulee');
    expect(slugify('  --API 5xx -- spike --  ')).toBe('api-5xx-spike');
  });

  it('gives a Japanese-only and an emoji-only title a valid, stable slug', () => {
    for (const title of ['決済障害', '🔥🔥🔥', 'Ωμέγα'.replace(/[A-Za-z]/g, '') + 'Σφάλμα']) {
      const slug = slugify(title);
      expect(slug).toMatch(/^[a-z0-9-]+$/);
      expect(slugify(title)).toBe(slug);
    }
  });

  it('different non-Latin titles get different slugs', () => {
    expect(slugify('決済障害')).not.toBe(slugify('配送遅延'));
    expect(slugify('🔥')).not.toBe(slugify('💧'));
  });
});

describe('crisisChannelName', () => {
  it('is crisis-YYYYMMDD-<slug> with the date in the configured zone', () => {
    expect(crisisChannelName('Checkout down', NOV26_2330_UTC, 'UTC')).toBe('crisis-20241126-checkout-down');
    expect(crisisChannelName('Checkout down', NOV26_2330_UTC, 'Asia/Tokyo')).toBe('crisis-20241127-checkout-down');
    expect(crisisChannelName('Checkout down', NOV26_2330_UTC, 'America/Los_Angeles')).toBe('crisis-20241126-checkout-down');
  });

  it('appends -2, -3, … for later attempts', () => {
    expect(crisisChannelName('Checkout down', NOV26_2330_UTC, 'UTC', 2)).toBe('crisis-20241126-checkout-down-2');
    expect(crisisChannelName('Checkout down', NOV26_2330_UTC, 'UTC', 3)).toBe('crisis-20241126-checkout-down-3');
  });

  it('never exceeds 80 characters, suffix included, for a 150-character title', () => {
    const title = 'Payments gateway returns intermittent errors '.repeat(4).slice(0, 150);
    expect(title).toHaveLength(150);
    const names = [1, 2, 13, 100].map((attempt) => crisisChannelName(title, NOV26_2330_UTC, 'UTC', attempt));
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(MAX_CHANNEL_NAME);
      expect(name).toMatch(VALID_NAME);
      expect(name).not.toMatch(/--/);
      expect(name.startsWith('crisis-20241126-payments-gateway')).toBe(true);
    }
    expect(names[1]).toMatch(/[a-z0-9]-2$/);
    expect(names[2]).toMatch(/[a-z0-9]-13$/);
    expect(new Set(names).size).toBe(names.length);
  });

  it('only a-z 0-9 - _ whatever the title', () => {
    for (const title of ['Ärger im Lager', '<!channel> & "quotes"', 'tab\tand\nnewline', 'UPPER_case 42']) {
      expect(crisisChannelName(title, NOV26_2330_UTC, 'UTC')).toMatch(VALID_NAME);
    }
    expect(crisisChannelName('Ärger im Lager', NOV26_2330_UTC, 'UTC')).toBe('crisis-20241126-arger-im-lager');
  });

  it('a Japanese-only and an emoji-only title give valid, stable, distinct names', () => {
    const jp = crisisChannelName('決済障害', NOV26_2330_UTC, 'UTC');
    const emoji = crisisChannelName('🔥🚒', NOV26_2330_UTC, 'UTC');
    for (const name of [jp, emoji]) {
      expect(name).toMatch(VALID_NAME);
      expect(name).toMatch(/^crisis-20241126-[a-z0-9]+$/);
    }
    expect(crisisChannelName('決済障害', NOV26_2330_UTC, 'UTC')).toBe(jp);
    expect(crisisChannelName('配送遅延', NOV26_2330_UTC, 'UTC')).not.toBe(jp);
    expect(jp).not.toBe(emoji);
    expect(crisisChannelName('決済障害', NOV26_2330_UTC, 'UTC', 2)).toBe(`${jp}-2`);
  });
});

describe('validateTitle', () => {
  it('trims and collapses whitespace', () => {
    expect(validateTitle('  Checkout \n payments   failing ')).toBe('Checkout payments failing');
  });

  it('accepts 150 characters', () => {
    expect(validateTitle('t'.repeat(150))).toHaveLength(150);
  });

  it('refuses 151 characters, naming the length and the limit, on the title field', () => {
    const err = thrown(() => validateTitle('t'.repeat(151)));
    expect(err.code).toBe('bad_input');
    expect(err.field).toBe('title');
    expect(mrkdwn(err.message)).toBe('That title is 151 characters; keep it to 150 or fewer.');
  });

  it('refuses an empty or blank title with an example', () => {
    for (const raw of ['', '   ', '\n\t']) {
      const err = thrown(() => validateTitle(raw));
      expect(err.code).toBe('bad_input');
      expect(err.field).toBe('title');
      expect(err.message).toContain('A crisis needs a title, e.g. `/crisis declare sev1');
    }
  });
});

describe('assertStatusChange', () => {
  it('allows moving between the settable statuses', () => {
    expect(() => assertStatusChange('investigating', 'identified')).not.toThrow();
    expect(() => assertStatusChange('monitoring', 'investigating')).not.toThrow();
  });

  it('refuses setting the status it already has', () => {
    const err = thrown(() => assertStatusChange('identified', 'identified'));
    expect(err.code).toBe('already_done');
    expect(mrkdwn(err.message)).toBe('The status is already *Identified*.');
  });

  it('refuses changing a resolved crisis, pointing to reopen', () => {
    const err = thrown(() => assertStatusChange('resolved', 'monitoring'));
    expect(err.code).toBe('conflict');
    expect(err.message).toContain('`/crisis reopen`');
  });
});

describe('permissions', () => {
  const crisis = { declaredBy: 'UDECL' };

  it('the declarer, a lead and an admin may manage; anyone else may not', () => {
    expect(canManage(crisis, ['ULEAD'], ['UADMIN'], 'UDECL')).toBe(true);
    expect(canManage(crisis, ['ULEAD'], ['UADMIN'], 'ULEAD')).toBe(true);
    expect(canManage(crisis, ['ULEAD'], ['UADMIN'], 'UADMIN')).toBe(true);
    expect(canManage(crisis, ['ULEAD'], ['UADMIN'], 'UOTHER')).toBe(false);
    expect(canManage(crisis, [], [], 'UOTHER')).toBe(false);
  });

  it('assertCanManage passes the allowed', () => {
    expect(() => assertCanManage(crisis, ['ULEAD'], [], 'ULEAD', 'resolve')).not.toThrow();
  });

  it('tells anyone else politely who can, naming the lead and declarer once each', () => {
    const err = thrown(() => assertCanManage(crisis, ['ULEAD', 'UDECL'], [], 'UOTHER', 'change the severity'));
    expect(err.code).toBe('forbidden');
    expect(mrkdwn(err.message)).toBe('Only the lead or the person who declared this crisis can change the severity. Ask <@ULEAD> (lead) or <@UDECL> (lead, declarer). Nothing changed.');
  });

  it('mentions crisis admins only when there are some, and names them', () => {
    const err = thrown(() => assertCanManage(crisis, ['ULEAD'], ['UADMIN'], 'UOTHER', 'resolve'));
    expect(mrkdwn(err.message)).toBe(
      'Only the lead, the person who declared this crisis or a crisis admin can resolve. Ask <@ULEAD> (lead), <@UDECL> (declarer) or a crisis admin (<@UADMIN>). Nothing changed.',
    );
  });
});
