/** Who a handover relieves, and its refusals in words that say what is accepted. */
import { CrisisError } from '../../src/core/errors';
import { botRefusal, outgoingHolder } from '../../src/features/roles/handover';
import { mrkdwn } from '../../src/slack/views/words';

function refusal(fn: () => unknown): CrisisError {
  try {
    fn();
  } catch (err) {
    if (err instanceof CrisisError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('outgoingHolder', () => {
  it('relieves the holder of a single-holder role, whoever hands over', () => {
    expect(outgoingHolder({ role: 'spokesperson', to: 'U2', actorId: 'U9', holders: ['U1'] })).toBe('U1');
    expect(outgoingHolder({ role: 'legal', to: 'U2', actorId: 'U1', holders: ['U1'] })).toBe('U1');
    expect(outgoingHolder({ role: 'lead', to: 'U2', actorId: 'U1', holders: ['U1'] })).toBe('U1');
  });

  it('with nobody in the role it is an assignment with a note: nobody is relieved', () => {
    expect(outgoingHolder({ role: 'spokesperson', to: 'U2', actorId: 'U1', holders: [] })).toBeNull();
    expect(outgoingHolder({ role: 'support', to: 'U2', actorId: 'U1', holders: [] })).toBeNull();
  });

  it('for info and support relieves the person handing over when they hold it, else the only holder', () => {
    expect(outgoingHolder({ role: 'support', to: 'U3', actorId: 'U2', holders: ['U1', 'U2'] })).toBe('U2');
    expect(outgoingHolder({ role: 'info', to: 'U3', actorId: 'U9', holders: ['U1'] })).toBe('U1');
  });

  it('refuses to guess among several holders when the person handing over is none of them', () => {
    const err = refusal(() => outgoingHolder({ role: 'support', to: 'U3', actorId: 'U9', holders: ['U1', 'U2'] }));
    expect(err.code).toBe('bad_input');
    expect(mrkdwn(err.message)).toBe(
      'Several people are support rep (<@U1>, <@U2>): one of them hands over their part, or use `/crisis assign` and `/crisis unassign`. Nothing changed.',
    );
  });

  it('refuses a handover to oneself, saying how to name the person taking over', () => {
    const err = refusal(() => outgoingHolder({ role: 'spokesperson', to: 'U1', actorId: 'U1', holders: ['U1'] }));
    expect(err.code).toBe('bad_input');
    expect(mrkdwn(err.message)).toBe("You can't hand over to yourself. Name the person taking over, e.g. `/crisis handover @maria spokesperson what they need to know`. Nothing changed.");
  });

  it('refuses a handover to someone who already holds the role', () => {
    const err = refusal(() => outgoingHolder({ role: 'info', to: 'U2', actorId: 'U1', holders: ['U1', 'U2'] }));
    expect(err.code).toBe('already_done');
    expect(mrkdwn(err.message)).toBe('<@U2> is already info gatherer. Hand over to someone who does not hold it yet. Nothing changed.');
  });

  it('says a bot cannot take a role', () => {
    expect(mrkdwn(botRefusal('U0BOT').message)).toBe('<@U0BOT> is a bot; a role is handed over to a person. Nothing changed.');
  });
});
