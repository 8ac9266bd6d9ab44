import { AddressInfo, connect, createServer, Server as TcpServer, Socket } from 'node:net';
import { TEST_DATABASE_URL } from '../test-database';

/** A TCP relay to PostgreSQL that can be taken down (every connection cut, none taken) and brought back. */
export class Relay {
  private server: TcpServer | null = null;
  private readonly sockets = new Set<Socket>();
  private readonly target = new URL(TEST_DATABASE_URL);
  port = 0;

  async up(): Promise<void> {
    if (this.server) return;
    this.server = createServer((client) => {
      const upstream = connect(Number(this.target.port || 5432), this.target.hostname);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('error', () => undefined);
        socket.on('close', () => {
          this.sockets.delete(socket);
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async down(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }

  get databaseUrl(): string {
    const url = new URL(TEST_DATABASE_URL);
    url.hostname = '127.0.0.1';
    url.port = String(this.port);
    return url.toString();
  }
}
