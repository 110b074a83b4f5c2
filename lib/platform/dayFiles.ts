/**
 * The embedded stores (field usage, decision records) keep one file per UTC day and writer process,
 * named `<YYYY-MM-DD>.<writer>.<extension>`; this lists them.
 */
import { readdir } from 'node:fs/promises';

/** The files of `dir` that `pattern` matches, with the day its first group names; none when `dir` is absent. */
export async function dayFiles(dir: string, pattern: RegExp): Promise<{ name: string; day: string }[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    // Nothing written yet: the directory is made by the first write.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names.flatMap((name) => {
    const day = pattern.exec(name)?.[1];
    return day !== undefined && !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) ? [{ name, day }] : [];
  });
}
