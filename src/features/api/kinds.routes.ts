import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../services.js';
import { notFound } from '../../web/errors.js';
import { endpoint } from './endpoint.js';
import { courseExists, findCourse, listCourses, listEnrolments } from './resources-courses.js';
import { eventExists, listBookings, listEvents, listTickets } from './resources-events.js';
import { listEpisodes, listShows, showExists } from './resources-podcasts.js';
import { idParams, pageOf, pageQuery } from './schemas.js';
import {
  booking,
  bookingListQuery,
  course,
  courseWithModules,
  enrolment,
  episode,
  event,
  show,
  ticket,
} from './schemas-kinds.js';

/** Read routes of the newer product kinds: courses, events, bookings and podcasts. */
export function registerKindRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;

  const courses = endpoint('courses:read', 'Courses', 'List courses');
  app.get(
    '/api/v1/courses',
    { ...courses, schema: { ...courses.schema, querystring: pageQuery, response: { 200: pageOf(course) } } },
    (req) => listCourses(db, req.query),
  );

  const oneCourse = endpoint('courses:read', 'Courses', 'Get a course with its modules and lesson titles');
  app.get(
    '/api/v1/courses/:id',
    { ...oneCourse, schema: { ...oneCourse.schema, params: idParams, response: { 200: courseWithModules } } },
    async (req) => (await findCourse(db, req.params.id)) ?? Promise.reject(notFound('Course not found')),
  );

  const enrolments = endpoint('courses:read', 'Courses', 'List a course’s enrolments with each student’s progress');
  app.get(
    '/api/v1/courses/:id/enrolments',
    {
      ...enrolments,
      schema: { ...enrolments.schema, params: idParams, querystring: pageQuery, response: { 200: pageOf(enrolment) } },
    },
    async (req) => {
      if (!(await courseExists(db, req.params.id))) throw notFound('Course not found');
      return listEnrolments(db, req.params.id, req.query);
    },
  );

  const events = endpoint('events:read', 'Events', 'List events with their sessions and seats');
  app.get(
    '/api/v1/events',
    { ...events, schema: { ...events.schema, querystring: pageQuery, response: { 200: pageOf(event) } } },
    (req) => listEvents(db, req.query),
  );

  const tickets = endpoint('events:read', 'Events', 'List an event’s tickets');
  app.get(
    '/api/v1/events/:id/tickets',
    {
      ...tickets,
      schema: { ...tickets.schema, params: idParams, querystring: pageQuery, response: { 200: pageOf(ticket) } },
    },
    async (req) => {
      if (!(await eventExists(db, req.params.id))) throw notFound('Event not found');
      return listTickets(db, req.params.id, req.query);
    },
  );

  const bookings = endpoint('bookings:read', 'Bookings', 'List bookings by their start');
  app.get(
    '/api/v1/bookings',
    { ...bookings, schema: { ...bookings.schema, querystring: bookingListQuery, response: { 200: pageOf(booking) } } },
    (req) => {
      const { from, to, status, ...page } = req.query;
      return listBookings(db, page, { from, to, status });
    },
  );

  const shows = endpoint('podcasts:read', 'Podcasts', 'List podcast shows with their episode counts');
  app.get(
    '/api/v1/podcasts',
    { ...shows, schema: { ...shows.schema, querystring: pageQuery, response: { 200: pageOf(show) } } },
    (req) => listShows(db, req.query),
  );

  const episodes = endpoint('podcasts:read', 'Podcasts', 'List a show’s published and scheduled episodes');
  app.get(
    '/api/v1/podcasts/:id/episodes',
    {
      ...episodes,
      schema: { ...episodes.schema, params: idParams, querystring: pageQuery, response: { 200: pageOf(episode) } },
    },
    async (req) => {
      if (!(await showExists(db, req.params.id))) throw notFound('Podcast not found');
      return listEpisodes(db, req.params.id, req.query);
    },
  );
}
