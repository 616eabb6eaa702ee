// The helpdesk's own store: one JSON file, replaced atomically (write a temporary file, then rename)
// after every change, before the message that caused it is acknowledged. A crash in between means the
// broker delivers the message again, and the version check below makes that a no-op.
import fs from 'node:fs';
import path from 'node:path';

export class Store {
  constructor(file) {
    this.file = file;
    const empty = { bootstrapped: false, position: -1, versions: {}, users: {}, erased: {} };
    this.data = fs.existsSync(file) ? { ...empty, ...JSON.parse(fs.readFileSync(file, 'utf8')) } : empty;
  }

  /** The highest user version applied for the user, or -1. */
  version(userId) {
    return this.data.versions[userId] ?? -1;
  }

  user(userId) {
    return this.data.users[userId];
  }

  isErased(userId) {
    return this.data.erased[userId] === true;
  }

  get bootstrapped() {
    return this.data.bootstrapped;
  }

  /**
   * While catching up, the log position the bootstrap read was consistent with: messages at or below it are
   * the overlap with the read. -1 before the bootstrap and once a message above it arrived.
   */
  get position() {
    return this.data.position;
  }

  /**
   * Applies one state of a user if it is newer than what is held: the fields when the user is entitled
   * to the tool, nothing (and the row removed) when not. Answers whether it was newer.
   */
  put(userId, version, fields, entitled) {
    if (version <= this.version(userId) || this.isErased(userId)) {
      return false;
    }
    this.data.versions[userId] = version;
    if (entitled) {
      this.data.users[userId] = { version, ...fields };
    } else {
      delete this.data.users[userId];
    }
    return true;
  }

  /** Erases the user; remembered (id and version only) so that no older message brings the user back. */
  erase(userId, version) {
    const newer = version > this.version(userId);
    this.data.versions[userId] = Math.max(version, this.version(userId));
    delete this.data.users[userId];
    this.data.erased[userId] = true;
    return newer;
  }

  markBootstrapped(position) {
    this.data.bootstrapped = true;
    this.data.position = position;
  }

  /** The catch-up's overlap is over (saved with the next change). */
  endCatchUp() {
    this.data.position = -1;
  }

  save() {
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const temporary = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(this.data), { mode: 0o600 });
    fs.renameSync(temporary, this.file);
  }
}
