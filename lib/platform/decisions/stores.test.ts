import path from 'node:path';
import { z } from 'zod';
import { FileDecisionStore } from './fileStore';
import { MongoDecisionStore } from './mongoStore';
import { DEFAULT_DECISION_DIR, decisionEnvShape, describeDecisionStore, openDecisionStore } from './stores';

it('opens nothing for `off`, a directory resolved from the working directory, or MongoDB', async () => {
  expect(openDecisionStore('off')).toBeNull();
  const directory = openDecisionStore('some/dir');
  expect(directory).toBeInstanceOf(FileDecisionStore);
  expect((directory as FileDecisionStore).dir).toBe(path.resolve('some/dir'));
  // Connects in the background, never before it returns.
  const mongo = openDecisionStore('mongodb://127.0.0.1:1/decisions', { retentionDays: 7 });
  expect(mongo).toBeInstanceOf(MongoDecisionStore);
  await mongo!.close();
});

it('describes a store for logs without its URL, which may hold a password', () => {
  expect(describeDecisionStore('off')).toBe('off');
  expect(describeDecisionStore('mongodb://user:s3cret@db.internal/decisions')).toBe('mongodb');
  expect(describeDecisionStore('mongodb+srv://user:s3cret@cluster.example')).toBe('mongodb');
  expect(describeDecisionStore('some/dir')).toBe(`directory:${path.resolve('some/dir')}`);
});

it('defaults to `.decisions/` for 30 days, and takes 1 to 366 days', () => {
  const env = z.object(decisionEnvShape);
  expect(env.parse({})).toEqual({ DECISION_STORE: DEFAULT_DECISION_DIR, DECISION_RETENTION_DAYS: 30 });
  expect(env.parse({ DECISION_RETENTION_DAYS: '7' }).DECISION_RETENTION_DAYS).toBe(7);
  expect(env.safeParse({ DECISION_RETENTION_DAYS: '0' }).success).toBe(false);
  expect(env.safeParse({ DECISION_RETENTION_DAYS: '367' }).success).toBe(false);
  expect(env.safeParse({ DECISION_STORE: '' }).success).toBe(false);
  expect(path.basename(DEFAULT_DECISION_DIR)).toBe('.decisions');
});
