import type { FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;

/**
 * zod validates and serialises every route. Handed to Fastify as its schema controller's
 * factories (instead of setValidatorCompiler after construction), they keep it from loading Ajv
 * and fast-json-stringify at all: about 50 ms of every start and a few MB no route would use.
 * Fastify types the factories after Ajv's; at run time it only calls the compiler they return
 * with a route's schema.
 */
export const ZOD_COMPILERS = {
  buildValidator: () => validatorCompiler,
  buildSerializer: () => serializerCompiler,
} as unknown as CompilersFactory;
