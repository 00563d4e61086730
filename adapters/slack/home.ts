import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import type { ConversationAccess, MessageHandler, Reply } from '../../src/core/messages.js';
import { renderReply, type Block } from './render.js';

type WebClient = webApi.WebClient;
type HomeView = Parameters<WebClient['views']['publish']>[0]['view'];

/** A Home view holds at most 100 blocks. */
export const HOME_BLOCKS = 100;

/** The `app_home_opened` event as the adapter reads it; `tab` is `home` or `messages`. */
const homeOpenedSchema = z.object({
  event_id: z.string().min(1).max(128),
  team_id: z.string().min(1).max(64),
  event: z.object({ type: z.literal('app_home_opened'), user: z.string().min(1).max(64), tab: z.string().max(32).optional() }),
});
export type HomeOpened = z.infer<typeof homeOpenedSchema>;

export function parseHomeOpened(raw: unknown): HomeOpened | undefined {
  const parsed = homeOpenedSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

/** Stacks the core's replies into one Home view's blocks, a divider between them, within Slack's 100. */
export function homeBlocks(replies: readonly Reply[]): Block[] {
  const blocks: Block[] = [];
  for (const reply of replies) {
    const rendered = renderReply(reply).blocks;
    const withDivider = blocks.length ? [{ type: 'divider' }, ...rendered] : rendered;
    if (blocks.length + withDivider.length > HOME_BLOCKS) break;
    blocks.push(...withDivider);
  }
  return blocks;
}

/**
 * Publishes one Home view for the person who opened the Home tab. The same event fires for the
 * Messages tab, which gets nothing.
 */
export async function publishHome(
  client: WebClient,
  handler: MessageHandler,
  event: HomeOpened,
  access: ConversationAccess,
): Promise<boolean> {
  if (event.event.tab !== 'home' || !handler.home) return false;
  const replies = await handler.home({ platform: 'slack', workspaceId: event.team_id, userId: event.event.user, access });
  // Our blocks are plain JSON built by render.ts; the Web API's block union types are not worth mirroring there.
  const view = { type: 'home', blocks: homeBlocks(replies) } as unknown as HomeView;
  await client.views.publish({ user_id: event.event.user, view });
  return true;
}
