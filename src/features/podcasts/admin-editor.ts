import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { notFound } from '../../web/errors.js';
import { sendPage } from '../../web/render.js';
import { adminPageContext } from '../admin/admin-context.js';
import { showTierIds } from './access.js';
import type { FailedForm } from './admin-parts.js';
import { findEpisode, listEpisodes, probeFailed, tiersToChoose } from './admin-queries.js';
import { EpisodeEditorPage } from './episode-editor.page.js';
import { findShow } from './queries.js';
import { ShowEditorPage } from './show-editor.page.js';
import { showFormOf } from './show-input.js';

/** The show and episode editors' pages, shared by the routes of their forms. */

export const showParams = z.object({ id: z.uuid() });
export const episodeParams = showParams.extend({ episodeId: z.uuid() });

export const NOTICES = [
  'created',
  'saved',
  'artwork',
  'audio',
  'transcript',
  'published',
  'scheduled',
  'unpublished',
  'deleted',
] as const;
export type Notice = (typeof NOTICES)[number];
export const noticeQuery = z.object({ done: z.enum(NOTICES).optional().catch(undefined) });

export type EditorExtra = { failed?: FailedForm; notice?: Notice | undefined };

export function podcastEditors(services: Services) {
  const { db } = services.database;
  const showOr404 = async (id: string) => {
    const show = await findShow(db, id);
    if (!show) throw notFound('Show not found');
    return show;
  };
  const episodeOr404 = async (showId: string, episodeId: string) => {
    const show = await showOr404(showId);
    const episode = await findEpisode(db, showId, episodeId);
    if (!episode) throw notFound('Episode not found');
    return { show, episode };
  };
  const renderShow = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extra: EditorExtra = {},
    status = 200,
  ) => {
    const show = await showOr404(id);
    const [ctx, tiers, episodes] = await Promise.all([
      adminPageContext(req, reply, services),
      tiersToChoose(db),
      listEpisodes(db, id),
    ]);
    const stored = showFormOf({ ...show, tierIds: showTierIds(show) });
    const notice = extra.notice ? ctx.t(`podcasts.admin.notice.${extra.notice}`) : undefined;
    return sendPage(
      reply,
      ShowEditorPage({ ctx, show, stored, tiers, episodes, failed: extra.failed, notice }),
      status,
    );
  };
  const renderEpisode = async (
    req: FastifyRequest,
    reply: FastifyReply,
    showId: string,
    episodeId: string,
    extra: EditorExtra = {},
    status = 200,
  ) => {
    const { show, episode } = await episodeOr404(showId, episodeId);
    const [ctx, failedProbe] = await Promise.all([
      adminPageContext(req, reply, services),
      probeFailed(db, episode.audio_key),
    ]);
    const notice = extra.notice ? ctx.t(`podcasts.admin.notice.${extra.notice}`) : undefined;
    return sendPage(
      reply,
      EpisodeEditorPage({ ctx, show, episode, probeFailed: failedProbe, failed: extra.failed, notice }),
      status,
    );
  };
  return { showOr404, episodeOr404, renderShow, renderEpisode };
}
