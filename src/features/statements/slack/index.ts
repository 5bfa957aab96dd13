/** Statements on Slack: drafting, legal's review, publishing, their buttons and forms. */
import { ACTIONS, VIEWS } from '../../../slack/ids';
import { commandGroup, type SlackFeature } from '../../../slack/feature';
import { approveButton, changesButton, editButton, publishButton } from './statement-buttons';
import { STATEMENT_HANDLERS } from './statement-commands';
import { STATEMENT_COMMANDS } from './statement-grammar';
import { statementChangesSubmit, statementComposeSubmit, statementEditSubmit, statementPickSubmit, statementPublishSubmit } from './statement-submits';

export const statementsSlack: SlackFeature = {
  commands: [commandGroup(STATEMENT_COMMANDS, STATEMENT_HANDLERS)],
  buttons: (deps) => ({
    [ACTIONS.statementApprove]: approveButton(deps),
    [ACTIONS.statementChanges]: changesButton(deps),
    [ACTIONS.statementPublish]: publishButton(deps),
    [ACTIONS.statementEdit]: editButton(deps),
  }),
  views: (deps) => ({
    [VIEWS.statementPick]: statementPickSubmit(deps),
    [VIEWS.statementCompose]: statementComposeSubmit(deps),
    [VIEWS.statementChanges]: statementChangesSubmit(deps),
    [VIEWS.statementPublish]: statementPublishSubmit(deps),
    [VIEWS.statementEdit]: statementEditSubmit(deps),
  }),
};
