/** A generated original-format pool (`users.json`, `matchmaker.json`) written to `dir`, for the import tests. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { originalPool } from '../../scripts/pool/original';

export function writeOriginalPool(dir: string, count: number, seed: number) {
  mkdirSync(dir, { recursive: true });
  const files = originalPool(count, seed);
  const users = path.join(dir, 'users.json');
  const matchmaker = path.join(dir, 'matchmaker.json');
  writeFileSync(users, files.users);
  writeFileSync(matchmaker, files.matchmaker);
  return { users, matchmaker, usersBytes: files.users.length };
}
