import { readRecord } from '../../state/records.js';
import type { Store } from '../../state/store.js';
import { sessionSchema, type Session } from '../checklist/session.js';
import { SESSIONS } from '../features/checklist.js';
import type { Poll } from '../polls/poll.js';
import { readPoll } from '../polls/records.js';
import { readOpenItems, removeOpenItems, workspaceList, type OpenItem } from './open-items.js';
import { workspaceDecisions, type Decision } from './record.js';
import { visibleTo, type Asker } from './visibility.js';

/** The records `decisions`, `polls` and the Home view show, each already cut to what the asker may see. */

export function visibleDecisions(store: Store, asker: Asker): Promise<Decision[]> {
  return workspaceDecisions(store, asker).then((all) => visibleTo(asker, all, (d) => d.place));
}

export interface OpenPoll {
  readonly item: OpenItem;
  readonly poll: Poll;
}

export interface RunningChecklist {
  readonly item: OpenItem;
  readonly session: Session;
}

/** Open items still live: a closed poll or a finished session is dropped from the list here. */
async function liveItems(store: Store, asker: Asker, now: number) {
  const items = await readOpenItems(store, workspaceList(asker));
  const polls: OpenPoll[] = [];
  const checklists: RunningChecklist[] = [];
  const gone: OpenItem[] = [];
  for (const item of items) {
    if (item.kind === 'poll') {
      const found = await readPoll(store, item.key, item.id);
      if (found.status === 'ok' && found.value.status === 'open') polls.push({ item, poll: found.value });
      else if (found.status !== 'corrupt') gone.push(item);
    } else {
      const found = await readRecord(store, SESSIONS, item.key, sessionSchema);
      if (found.status === 'ok' && found.value.id === item.id) checklists.push({ item, session: found.value });
      else if (found.status !== 'corrupt') gone.push(item);
    }
  }
  await removeOpenItems(store, workspaceList(asker), gone, now);
  return { polls, checklists };
}

export async function visibleOpenWork(store: Store, asker: Asker, now: number) {
  const { polls, checklists } = await liveItems(store, asker, now);
  return {
    polls: (await visibleTo(asker, polls, (p) => p.item.place)).reverse(),
    checklists: (await visibleTo(asker, checklists, (c) => c.item.place)).reverse(),
  };
}
