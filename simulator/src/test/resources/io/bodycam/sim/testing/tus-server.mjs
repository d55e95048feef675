// The tus reference server for Node.js (@tus/server with @tus/file-store), as the tests and
// benchmarks/upload-protocols.sh run it: node tus-server.mjs PORT DIRECTORY
import { Server } from '@tus/server';
import { FileStore } from '@tus/file-store';

const [port, directory] = process.argv.slice(2);
const server = new Server({ path: '/files', datastore: new FileStore({ directory }) });
server.listen({ host: '127.0.0.1', port: Number(port) });
