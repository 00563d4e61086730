import type { Services } from '../context.js';
import type { Reply, Viewer } from '../messages.js';
import { visibleDecisions, visibleOpenWork } from './gather.js';
import { decisionsHowto } from '../actions.js';
import { decisionLine, openPollLine, recordButton, runningLine } from './render.js';

/** Items per part of the home screen; with their buttons this stays far below Slack's 100 blocks. */
const SHOWN = { polls: 10, checklists: 5, decisions: 5 } as const;

/**
 * A person's home screen as replies to stack: open polls with deadlines and counts, running
 * checklists, the latest decisions with their record buttons, and a how-to button. Built from the
 * same records and visibility rule as `polls` and `decisions`; no voter is ever named here.
 */
export async function homeView(deps: Services, viewer: Viewer): Promise<Reply[]> {
  const asker = { platform: viewer.platform, workspaceId: viewer.workspaceId, access: viewer.access };
  const [work, decisions] = await Promise.all([visibleOpenWork(deps.records, asker), visibleDecisions(deps.records, asker)]);
  const questions = deps.checklist.questions.length;
  const latest = decisions.slice(0, SHOWN.decisions);
  return [
    {
      title: 'RustGo',
      sections: ['Your team’s Rust-or-Go decisions, and what is still open, in the channels you can see.'],
      buttons: [decisionsHowto.button('How to use RustGo', 'home', 'primary')],
    },
    {
      title: 'Open polls',
      sections: work.polls.length ? work.polls.slice(0, SHOWN.polls).map(openPollLine) : ['_No open polls._'],
    },
    {
      title: 'Running checklists',
      sections: work.checklists.length ? work.checklists.slice(0, SHOWN.checklists).map((c) => runningLine(c, questions)) : ['_No checklist is running._'],
    },
    {
      title: 'Latest decisions',
      sections: latest.length ? latest.map(decisionLine) : ['_No decisions yet._'],
      buttons: latest.map(recordButton),
    },
  ];
}
