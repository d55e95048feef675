// aedes on 127.0.0.1:PORT (argv[2]) for the broker matrix; stops cleanly on SIGTERM or SIGINT.
// Run from the folder where aedes is installed (npm install aedes@1.2.0), so that 'aedes' resolves.
import net from 'node:net'
import { Aedes } from 'aedes'

const port = Number(process.argv[2])
const aedes = await Aedes.createBroker()
const server = net.createServer(aedes.handle)
server.listen(port, '127.0.0.1', () => console.log(`aedes listening on 127.0.0.1:${port}`))
const stop = () => {
  setTimeout(() => process.exit(0), 2000).unref()
  aedes.close(() => server.close(() => process.exit(0)))
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
