// Against the running services (user-command on :8080 with helpdesk declared at user-projection, see
// README.md) and the local RabbitMQ: a user registered before the helpdesk first starts arrives through
// the bootstrap, and a change made between binding the queue and that read comes as a message at or
// below the read's position that changes nothing; later changes arrive through messages, a deletion erases the user and its receipt completes the
// erasure; a redelivered old message changes nothing. Skipped when the services are not running, unless
// HELPDESK_TEST_REQUIRED=true (.ci/run).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import amqplib from 'amqplib';
import { Helpdesk, defaults } from '../src/helpdesk.js';

const userService = process.env.HELPDESK_USER_SERVICE_URL ?? defaults.userServiceUrl;
const projection = process.env.HELPDESK_PROJECTION_URL ?? 'http://localhost:8081';
const required = process.env.HELPDESK_TEST_REQUIRED === 'true';
const quiet = { info() {}, warn() {}, error: (line) => console.error(line) };

function basic(user, password) {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

async function call(method, url, account, body, extraHeaders = {}) {
  const response = await fetch(url, {
    method,
    headers: {
      Authorization: basic(...account),
      Accept: 'application/json',
      ...(body ? { 'Content-Type': 'application/json' } : {}),
      ...extraHeaders,
    },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

const admin = ['admin', 'dev-admin'];
const auditor = ['auditor', 'dev-auditor'];

async function register(tools) {
  const email = `helpdesk-${randomUUID()}@example.com`;
  const created = await call('POST', `${userService}/api/users`, admin, {
    email, displayName: 'Helpdesk Test', locale: 'en-GB', plan: 'TEAM', tools,
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return { id: created.body.id, email };
}

async function until(what, condition, seconds = 30) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) assert.fail(`waited ${seconds} s for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function servicesRunning() {
  try {
    const tools = await call('GET', `${projection}/api/tools`, ['operator', 'dev-operator']);
    return tools.status === 200 && tools.body.includes(defaults.tool);
  } catch {
    return false;
  }
}

test('the helpdesk follows a user from bootstrap to erasure and sends the receipt', async (t) => {
  if (!(await servicesRunning())) {
    const why = `no running services with the external tool ${defaults.tool} at ${projection} (see README.md)`;
    if (required) assert.fail(why);
    t.skip(why);
    return;
  }
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'helpdesk-'));
  const queue = `helpdesk-test-${randomUUID()}`;
  const settings = { ...defaults, queue, store: path.join(directory, 'store.json') };

  // Registered before the helpdesk's queue exists: only the bootstrap from the bulk API can bring it.
  const early = await register(['helpdesk']);
  const helpdesk = new Helpdesk(settings, quiet);
  // Changed once the queue is bound, before the bootstrap read: the read has it, and so has the queue.
  await helpdesk.start({
    afterBind: async () => {
      const renamed = await call('PATCH', `${userService}/api/users/${early.id}`, admin, { displayName: 'Early' });
      assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    },
  });
  t.after(async () => {
    await helpdesk.stop();
    const connection = await amqplib.connect(defaults.amqpUrl);
    const channel = await connection.createChannel();
    await channel.deleteQueue(queue);
    await connection.close();
    fs.rmSync(directory, { recursive: true, force: true });
  });
  assert.equal(helpdesk.store.user(early.id)?.email, early.email, 'bootstrapped from the bulk API');
  assert.equal(helpdesk.store.user(early.id)?.displayName, 'Early');
  assert.ok(helpdesk.store.position > 0, 'the bootstrap is consistent with a log position');
  await until('the change\'s message, at or below that position, found in the store', () => helpdesk.inBootstrap >= 1);
  assert.equal(helpdesk.store.version(early.id), 1);

  const user = await register(['billing', 'helpdesk']);
  await until('the registration', () => helpdesk.store.user(user.id)?.version === 0);
  assert.equal(helpdesk.store.position, -1, 'a message past the bootstrap\'s position ends the catch-up');
  assert.deepEqual(Object.keys(helpdesk.store.user(user.id)).sort(), ['displayName', 'email', 'plan', 'tools', 'version']);

  const changed = await call('PATCH', `${userService}/api/users/${user.id}`, admin, { displayName: 'Renamed' });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  await until('the profile change', () => helpdesk.store.user(user.id)?.displayName === 'Renamed');

  const revoked = await call('PUT', `${userService}/api/users/${user.id}/access`, admin, { plan: 'TEAM', tools: ['billing'] });
  assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
  await until('the entitlement removed', () => helpdesk.store.version(user.id) === 2);
  assert.equal(helpdesk.store.user(user.id), undefined, 'a user no longer entitled to the helpdesk is not kept');
  await call('PUT', `${userService}/api/users/${user.id}/access`, admin, { plan: 'BUSINESS', tools: ['helpdesk'] });
  await until('the entitlement back', () => helpdesk.store.user(user.id)?.plan === 'BUSINESS');

  const deleted = await call('DELETE', `${userService}/api/users/${user.id}`, admin, {
    reason: 'DATA_SUBJECT_REQUEST', requestedBy: 'DATA_SUBJECT',
  });
  assert.equal(deleted.status, 202, JSON.stringify(deleted.body));
  await until('the erasure in the store', () => helpdesk.store.isErased(user.id));
  assert.equal(helpdesk.store.user(user.id), undefined);
  const erasure = await until('the erasure to complete', async () => {
    const ledger = await call('GET', `${userService}/api/erasures/${user.id}`, auditor);
    return ledger.status === 200 && ledger.body.complete ? ledger.body : null;
  });
  assert.ok(erasure.requiredTools.includes('helpdesk'), 'the external tool is a required tool');
  assert.ok(erasure.confirmations.some((c) => c.tool === 'helpdesk'), 'with the helpdesk\'s receipt');

  // A redelivery of the registration (version 0) after the erasure must not bring the user back.
  const handled = helpdesk.handled;
  const connection = await amqplib.connect(defaults.amqpUrl);
  const channel = await connection.createConfirmChannel();
  channel.publish(defaults.exchange, '0', Buffer.from(JSON.stringify({ userId: user.id, email: 'x@example.com' })), {
    messageId: randomUUID(), contentType: 'application/json', headers: { type: 'UserRegistered', userVersion: 0 },
  });
  await channel.waitForConfirms();
  await connection.close();
  await until('the redelivery to be handled', () => helpdesk.handled > handled);
  assert.equal(helpdesk.store.user(user.id), undefined, 'an old message after the erasure changes nothing');
  const onDisk = JSON.parse(fs.readFileSync(settings.store, 'utf8'));
  assert.equal(JSON.stringify(onDisk).includes(user.email ?? 'never'), false);
});
