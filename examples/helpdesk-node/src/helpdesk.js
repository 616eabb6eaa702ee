// The helpdesk: an external tool of user-sync. It binds its queue to the tool's exchange, bootstraps
// from the user service's bulk API once (hybrid catch-up: the read is consistent with a log position,
// and the messages at or below it are the overlap, already in the store), then applies every message:
// a change only when its userVersion is above the one held (so redeliveries and replays are no-ops),
// a deletion by erasing the user and sending the erasure receipt as the tool's own account.
// It logs ids, types and versions, never a user's data.
import amqplib from 'amqplib';
import { Store } from './store.js';

export const defaults = Object.freeze({
  tool: 'helpdesk',
  amqpUrl: 'amqp://guest:guest@127.0.0.1:5672',
  exchange: 'user-sync.helpdesk',
  queue: 'helpdesk-node',
  userServiceUrl: 'http://localhost:8080',
  username: 'tool-helpdesk',
  password: 'dev-tool-helpdesk',
  store: 'data/helpdesk-store.json',
  fields: ['email', 'displayName', 'plan', 'tools'],
});

/** The settings from the environment (HELPDESK_*), over the dev defaults. */
export function settingsFromEnvironment(env = process.env) {
  return {
    tool: env.HELPDESK_TOOL ?? defaults.tool,
    amqpUrl: env.HELPDESK_AMQP_URL ?? defaults.amqpUrl,
    exchange: env.HELPDESK_EXCHANGE ?? defaults.exchange,
    queue: env.HELPDESK_QUEUE ?? defaults.queue,
    userServiceUrl: env.HELPDESK_USER_SERVICE_URL ?? defaults.userServiceUrl,
    username: env.HELPDESK_USERNAME ?? defaults.username,
    password: env.HELPDESK_PASSWORD ?? defaults.password,
    store: env.HELPDESK_STORE ?? defaults.store,
    fields: env.HELPDESK_FIELDS ? env.HELPDESK_FIELDS.split(',') : defaults.fields,
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class Helpdesk {
  constructor(settings, log = console) {
    this.settings = settings;
    this.log = log;
    this.store = new Store(settings.store);
    this.stopped = false;
    /** Messages applied (or skipped as old) and acknowledged. */
    this.handled = 0;
    /** Of those, the ones at or below the bootstrap's position that the bulk read had already. */
    this.inBootstrap = 0;
  }

  /** @param afterBind called once the queue is bound, before the bootstrap read (the test's hook) */
  async start({ afterBind } = {}) {
    this.connection = await amqplib.connect(this.settings.amqpUrl);
    this.connection.on('error', (error) => this.log.error(`helpdesk: broker connection: ${error.message}`));
    this.channel = await this.connection.createChannel();
    const { exchange, queue } = this.settings;
    // The queue is bound before the bulk read, so every change after that read is in the queue.
    await this.channel.assertExchange(exchange, 'topic', { durable: true });
    await this.channel.assertQueue(queue, { durable: true });
    await this.channel.bindQueue(queue, exchange, '#');
    await afterBind?.();
    if (!this.store.bootstrapped) {
      await this.bootstrap();
    }
    await this.channel.prefetch(1);
    const { consumerTag } = await this.channel.consume(queue, (message) => this.receive(message));
    this.consumerTag = consumerTag;
    this.log.info(`helpdesk: consuming ${queue} (bound to ${exchange})`);
  }

  async stop() {
    this.stopped = true;
    try {
      if (this.consumerTag) await this.channel.cancel(this.consumerTag);
      await this.channel?.close();
      await this.connection?.close();
    } catch (error) {
      this.log.warn(`helpdesk: closing: ${error.message}`);
    }
  }

  /**
   * Every user from the bulk API, page by page; each kept only if newer than what the store holds. Each page
   * is consistent with a log position (every event at or below it is in the page); the lowest of them, the
   * first page's, is the position the whole read is consistent with.
   */
  async bootstrap() {
    let cursor = null;
    let count = 0;
    let position = Infinity;
    do {
      const query = new URLSearchParams({ limit: '500' });
      if (cursor) query.set('cursor', cursor);
      const page = await this.call('GET', `/api/users?${query}`);
      position = Math.min(position, page.position);
      for (const item of page.items) {
        if (item.status === 'ERASED') {
          this.store.erase(item.id, item.version);
        } else {
          this.store.put(item.id, item.version, this.pick(item.user), this.entitled(item.user));
        }
        count++;
      }
      cursor = page.nextCursor;
    } while (cursor);
    this.store.markBootstrapped(position);
    this.store.save();
    this.log.info(`helpdesk: bootstrapped from the bulk API (${count} users, consistent with position ${position})`);
  }

  async receive(message) {
    if (message === null) {
      this.log.warn('helpdesk: the broker cancelled the consumer');
      return;
    }
    try {
      await this.apply(message);
      this.channel.ack(message);
      this.handled++;
    } catch (error) {
      // Not applied: the message goes back to the queue and comes again, after a pause.
      this.log.error(`helpdesk: message ${message.properties.messageId} not applied: ${error.message}`);
      await sleep(1000);
      if (!this.stopped) this.channel.nack(message, false, true);
    }
  }

  async apply(message) {
    const headers = message.properties.headers ?? {};
    const type = headers.type;
    const version = Number(headers.userVersion);
    const body = JSON.parse(message.content.toString('utf8'));
    const userId = body.userId;
    // At or below the bootstrap's position: the read had it, so applying it by version changes nothing. It
    // is not dropped unread: an append whose transaction stayed open past the user service's gap timeout
    // could commit below that position, and the version check applies such a late event all the same.
    const position = Number(headers.globalPosition);
    const inBootstrap = position <= this.store.position;
    if (position > this.store.position) {
      // Past the bootstrap: the catch-up's overlap is over.
      this.store.endCatchUp();
    }
    if (type === 'UserDeleted') {
      this.store.erase(userId, version);
      this.store.save();
      await this.confirmErasure(userId, message.properties.messageId, headers.correlationId);
      this.log.info(`helpdesk: erased user ${userId} (version ${version}), receipt sent`);
      return;
    }
    // UserNotEntitled: the user is not (or no longer) entitled to the helpdesk; only the id comes.
    const entitled = type !== 'UserNotEntitled';
    if (this.store.put(userId, version, this.pick(body), entitled)) {
      this.store.save();
      const late = inBootstrap ? ', a late commit below the bootstrap\'s position' : '';
      this.log.info(`helpdesk: ${type} of user ${userId} applied (version ${version}${late})`);
    } else if (inBootstrap) {
      this.inBootstrap++;
      this.log.info(`helpdesk: ${type} of user ${userId} at position ${position} already in the bootstrap`);
    } else {
      this.log.info(`helpdesk: ${type} of user ${userId} skipped (version ${version}, held ${this.store.version(userId)})`);
    }
  }

  /** The receipt, as this tool's own account; the user service records it once (repeats change nothing). */
  async confirmErasure(userId, deletionEventId, correlationId) {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.call(
          'POST',
          `/api/erasures/${userId}/confirmations`,
          { tool: this.settings.tool, deletionEventId },
          correlationId);
        return;
      } catch (error) {
        if (error.status && error.status < 500 && error.status !== 409 && error.status !== 429) throw error;
        if (this.stopped || attempt >= 5) throw error;
        await sleep(200 * 2 ** attempt);
      }
    }
  }

  pick(user) {
    const fields = {};
    for (const field of this.settings.fields) {
      if (user && field in user) fields[field] = user[field];
    }
    return fields;
  }

  /** The bulk API shows every user: the helpdesk keeps those entitled to it (the broker sends only those). */
  entitled(user) {
    return Array.isArray(user?.tools) && user.tools.includes(this.settings.tool);
  }

  async call(method, path, body, correlationId) {
    const headers = {
      Authorization: `Basic ${Buffer.from(`${this.settings.username}:${this.settings.password}`).toString('base64')}`,
      Accept: 'application/json',
    };
    if (body) headers['Content-Type'] = 'application/json';
    if (typeof correlationId === 'string') headers['X-Correlation-Id'] = correlationId;
    const response = await fetch(new URL(path, this.settings.userServiceUrl), {
      method,
      headers,
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      const error = new Error(`${method} ${path.split('?')[0]} answered ${response.status} ${problem.type ?? ''}`);
      error.status = response.status;
      throw error;
    }
    return response.json();
  }
}
