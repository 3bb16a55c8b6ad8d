// The yardstick: the smallest useful Fastify 5 app (one route, serialised through a response schema like ours).
// Our routes are reported as a fraction of what this does on the same machine.
import Fastify from 'fastify';

export interface HelloWorld {
  url: string;
  close(): Promise<void>;
}

export async function startHelloWorld(): Promise<HelloWorld> {
  const app = Fastify({ logger: false });
  app.get(
    '/',
    {
      schema: {
        response: { 200: { type: 'object', properties: { hello: { type: 'string' } }, required: ['hello'] } },
      },
    },
    async () => ({ hello: 'world' }),
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('hello-world server has no TCP address');
  return { url: `http://127.0.0.1:${address.port}/`, close: () => app.close() };
}
