import type { Records } from '../../state/records.js';
import { SESSION } from '../checklist/records.js';
import type { Session } from '../checklist/session.js';
import type { Poll } from '../polls/poll.js';
import { POLL } from '../polls/records.js';
import { readOpenItems, removeOpenItems, workspaceList, type OpenItem } from './open-items.js';
import { workspaceDecisions, type Decision } from './record.js';
import { visibleTo, type Asker } from './visibility.js';

/** The records `decisions`, `polls` and the Home view show, each already cut to what the asker may see. */

export function visibleDecisions(records: Records, asker: Asker): Promise<Decision[]> {
  return workspaceDecisions(records, asker).then((all) => visibleTo(asker, all, (d) => d.place));
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
async function liveItems(records: Records, asker: Asker) {
  const items = await readOpenItems(records, workspaceList(asker));
  const polls: OpenPoll[] = [];
  const checklists: RunningChecklist[] = [];
  const gone: OpenItem[] = [];
  for (const item of items) {
    if (item.kind === 'poll') {
      const found = await records.read(POLL, { convKey: item.key, id: item.id });
      if (found.status === 'ok' && found.value.status === 'open') polls.push({ item, poll: found.value });
      else if (found.status !== 'corrupt') gone.push(item);
    } else {
      const found = await records.read(SESSION, item.key);
      if (found.status === 'ok' && found.value.id === item.id) checklists.push({ item, session: found.value });
      else if (found.status !== 'corrupt') gone.push(item);
    }
  }
  await removeOpenItems(records, workspaceList(asker), gone);
  return { polls, checklists };
}

export async function visibleOpenWork(records: Records, asker: Asker) {
  const { polls, checklists } = await liveItems(records, asker);
  return {
    polls: (await visibleTo(asker, polls, (p) => p.item.place)).reverse(),
    checklists: (await visibleTo(asker, checklists, (c) => c.item.place)).reverse(),
  };
}
