/**
 * Wires every callback_id and action_id to its listener, from every registered feature's Slack side
 * (src/slack/feature.ts). Bolt offers each request to every registered listener, so actions, views
 * and events each get ONE listener that routes by id or type: fewer listeners is a shorter path to
 * the ack (see `npm run bench`). An id two features claim is a programming error, refused at start-up.
 */
import type { App } from '@slack/bolt';
import { registeredFeatures } from '../../core/feature-module';
import type { ButtonArgs, CheckboxArgs, EventArgs, Handler, ShortcutArgs, SlackFeature, ViewArgs } from '../feature';
import { registerCommands } from './commands';
import type { ListenerDeps } from './deps';

type Part = 'buttons' | 'checkboxes' | 'views' | 'events' | 'shortcuts';

/** One table of a kind from every feature; the same id twice is refused. */
function gather<A>(deps: ListenerDeps, part: Part): Record<string, Handler<A>> {
  const table: Record<string, Handler<A>> = {};
  for (const feature of registeredFeatures()) {
    const slack: SlackFeature | undefined = feature.slack;
    const own = (slack?.[part]?.(deps) ?? {}) as Record<string, Handler<A>>;
    for (const [id, handler] of Object.entries(own)) {
      if (id in table) throw new Error(`${part}: ${id} is answered by two features (the second is ${feature.id})`);
      table[id] = handler;
    }
  }
  return table;
}

export function registerListeners(app: App, deps: ListenerDeps): void {
  registerCommands(app, deps);

  const buttons = gather<ButtonArgs>(deps, 'buttons');
  const checkboxes = gather<CheckboxArgs>(deps, 'checkboxes');
  const views = gather<ViewArgs>(deps, 'views');
  const events = gather<EventArgs>(deps, 'events');
  const shortcuts = gather<ShortcutArgs>(deps, 'shortcuts');

  app.action({ type: 'block_actions' }, async (args) => {
    const { action } = args;
    const handler =
      action.type === 'button' ? buttons[action.action_id] : action.type === 'checkboxes' ? checkboxes[action.action_id] : undefined;
    if (!handler) {
      // Not ours (or a link button): answer so Slack shows no error.
      await args.ack();
      return;
    }
    // The handler was looked up by the element's own type, so the narrower arguments hold.
    await (handler as (a: typeof args) => Promise<void>)(args);
  });

  app.view({ type: 'view_submission' }, async (args) => {
    const handler = views[args.view.callback_id];
    if (!handler) {
      await args.ack();
      return;
    }
    await handler(args as ViewArgs);
  });

  for (const [callbackId, handler] of Object.entries(shortcuts)) app.shortcut(callbackId, handler as Parameters<App['shortcut']>[1]);

  // The events, like the actions and views, through one listener that routes by type.
  const types = Object.keys(events);
  if (types.length > 0) {
    app.event(new RegExp(`^(${types.join('|')})$`), async (args) => {
      await events[args.event.type]?.(args);
    });
  }
}
