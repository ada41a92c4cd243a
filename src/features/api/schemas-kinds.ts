import { z } from 'zod';
import { pageQuery } from './pagination.js';

/**
 * The shapes of the newer product kinds in the public API: courses, events,
 * bookings and podcasts. Only what a CRM or spreadsheet needs leaves: no
 * lesson bodies, meeting links, check-in or manage tokens, or audio URLs.
 */

const id = z.string().describe('Unique id');
const instant = z.string().describe('ISO 8601 instant (UTC)');
const productStatus = z.enum(['draft', 'published', 'archived']);

const productFields = {
  id: id.describe('The product id (also the course’s, event’s or show’s id)'),
  slug: z.string(),
  title: z.string(),
  status: productStatus,
  created_at: instant,
  published_at: instant.nullable(),
};

export const course = z
  .object({
    ...productFields,
    certificate: z.boolean().describe('A completed course earns a certificate'),
    study_minutes: z.number().int(),
  })
  .meta({ id: 'Course' });

const lesson = z
  .object({
    id,
    slug: z.string(),
    title: z.string(),
    status: z.enum(['draft', 'published']),
    free_preview: z.boolean(),
  })
  .meta({ id: 'CourseLesson' });

const courseModule = z.object({ id, title: z.string(), lessons: z.array(lesson) }).meta({ id: 'CourseModule' });

export const courseWithModules = course
  .extend({ modules: z.array(courseModule).describe('In their order; lessons by title only, without bodies') })
  .meta({ id: 'CourseWithModules' });

export const enrolment = z
  .object({
    id,
    email: z.string(),
    name: z.string(),
    source: z.enum(['order', 'membership', 'free', 'admin']),
    enrolled_at: instant,
    completed_at: instant.nullable(),
    revoked_at: instant.nullable().describe('Access ended (refund, dispute, withdrawal)'),
    progress_percent: z.number().int().min(0).max(100).describe('Published lessons completed, rounded down'),
  })
  .meta({ id: 'Enrolment' });

const session = z
  .object({
    id,
    starts_at: instant,
    ends_at: instant,
    status: z.enum(['scheduled', 'cancelled']),
    capacity: z.number().int(),
    seats_taken: z.number().int().describe('Seats sold, held for a checkout or offered to the waiting list'),
  })
  .meta({ id: 'EventSession' });

export const event = z
  .object({
    ...productFields,
    format: z.enum(['online', 'onsite']),
    ticket_scope: z.enum(['session', 'all']).describe('A ticket admits to one session or to all'),
    sessions: z.array(session).describe('By start'),
  })
  .meta({ id: 'Event' });

export const ticket = z
  .object({
    id,
    session_id: z.string().nullable().describe('null: a ticket to every session'),
    ticket_type_id: z.string().nullable(),
    order_id: z.string().nullable(),
    email: z.string(),
    name: z.string(),
    status: z.enum(['held', 'offered', 'valid', 'released', 'cancelled', 'sold_out']),
    created_at: instant,
  })
  .meta({ id: 'Ticket' });

const bookingStatus = z.enum(['held', 'confirmed', 'released', 'cancelled', 'sold_out']);

export const booking = z
  .object({
    id,
    product_id: z.string().describe('The session type'),
    order_id: z.string().nullable(),
    email: z.string(),
    name: z.string(),
    starts_at: instant,
    ends_at: instant,
    status: bookingStatus,
    cancelled_at: instant.nullable(),
    created_at: instant,
  })
  .meta({ id: 'Booking' });

export const bookingListQuery = pageQuery.extend({
  from: z.iso.datetime({ offset: true }).optional().describe('Sessions starting at or after this instant'),
  to: z.iso.datetime({ offset: true }).optional().describe('Sessions starting before this instant'),
  status: bookingStatus.optional(),
});

export const show = z
  .object({
    ...productFields,
    author: z.string(),
    language: z.string().describe('BCP 47'),
    episodes_published: z.number().int(),
    episodes_scheduled: z.number().int(),
  })
  .meta({ id: 'PodcastShow' });

export const episode = z
  .object({
    id,
    title: z.string(),
    summary: z.string(),
    season: z.number().int().nullable(),
    episode_number: z.number().int().nullable(),
    episode_type: z.enum(['full', 'trailer', 'bonus']),
    access: z.enum(['public', 'listeners']).describe('listeners: members of the show’s tiers and buyers only'),
    status: z.enum(['scheduled', 'published']),
    publish_at: instant.nullable().describe('Scheduled: when it publishes'),
    published_at: instant.nullable(),
    duration_seconds: z.number().int().nullable(),
    created_at: instant,
  })
  .meta({ id: 'PodcastEpisode' });
