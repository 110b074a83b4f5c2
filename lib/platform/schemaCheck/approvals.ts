/**
 * Breaking changes a team makes on purpose: `schema/approved-breaking-changes.txt`, committed with the
 * change, one line per schema coordinate and why it is safe to break (`Title.synopsis: no device
 * has sent it since app 3.2`). The check still lists the change, marked approved, and does not fail
 * on it; a line that approves nothing is reported, to be removed once the change has merged.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const APPROVALS_FILE = 'schema/approved-breaking-changes.txt';

export class ApprovalsError extends Error {
  override name = 'ApprovalsError';
}

/** The approvals under `root`, by coordinate: the reason given. None when there is no file. */
export function approvedBreakingChanges(root: string): Map<string, string> {
  const file = path.join(root, APPROVALS_FILE);
  const approvals = new Map<string, string>();
  if (!existsSync(file)) return approvals;
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((raw, index) => {
      const line = raw.trim();
      if (!line || line.startsWith('#')) return;
      const match = /^([_A-Za-z][_0-9A-Za-z.]*):\s*(\S.*)$/.exec(line);
      if (!match) {
        throw new ApprovalsError(
          `${APPROVALS_FILE}:${index + 1}: write "<coordinate>: <why it is safe to break>", such as "Title.synopsis: unused since app 3.2"`,
        );
      }
      approvals.set(match[1]!, match[2]!);
    });
  return approvals;
}
