// The baseline: a bare Fastify route returning JSON, in its own process like the app (plain
// JavaScript, no tsx, so its start-up time and memory compare with the compiled app's).
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
process.stdout.write(`${JSON.stringify({ port: app.server.address().port })}\n`);
process.on('SIGTERM', () => {
  app.close().then(() => process.exit(0));
});
