/**
 * The device-model table of the legacy REST API: an older device sends only its model name, and the
 * gateway looks up what it can decode and protect (the `DeviceInput` of a GraphQL `play`). The table
 * is `data/device-models.json`, validated whole when the gateway starts: a bad entry stops the start
 * with a message naming it, rather than answering some devices wrongly later. How to add a model:
 * docs/legacy-api.md.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { VIDEO_CODECS } from '@contracts/vocabulary';
import { describeRecord } from '@platform/dataset/load';
import { firstIssue } from '@platform/firstIssue';
import type {
  DeviceInput,
  DeviceType,
  DrmSystem,
  HdrFormat,
} from '../../../clients/__generated__/operations';

/** The checked-in table. */
export const DEVICE_MODELS_PATH = path.resolve(__dirname, '../../../data/device-models.json');

// The GraphQL enums of `DeviceInput`; `satisfies` keeps them in step with the generated types.
const DEVICE_TYPES = ['TV', 'MOBILE', 'TABLET', 'WEB', 'CONSOLE'] as const satisfies readonly DeviceType[];
const HDR_FORMATS = ['HDR10', 'DOLBY_VISION'] as const satisfies readonly HdrFormat[];
const DRM_SYSTEMS = ['WIDEVINE', 'PLAYREADY', 'FAIRPLAY'] as const satisfies readonly DrmSystem[];

/** Lower-case letters, digits, `.`, `_` and `-`: what a device puts in `deviceModel`, compared case-insensitively. */
export const MODEL_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

const unique = <T extends z.ZodType>(item: T) =>
  z.array(item).refine((values) => new Set(values).size === values.length, 'must not repeat a value');

const deviceModelSchema = z.strictObject({
  model: z.string().regex(MODEL_NAME, 'must be 1-64 lower-case letters, digits, ".", "_" or "-"'),
  /** For people: the make, model and year. */
  name: z.string().min(1),
  type: z.enum(DEVICE_TYPES),
  codecs: unique(z.enum(VIDEO_CODECS)).min(1, 'must list at least one codec'),
  maxHeight: z.number().int().min(144).max(4320),
  hdr: unique(z.enum(HDR_FORMATS)),
  /** Most preferred first; empty for a device without a DRM client (it plays DRM-free titles only). */
  drm: unique(z.enum(DRM_SYSTEMS)),
});

const tableSchema = z.strictObject({ models: z.array(deviceModelSchema).min(1) });

export type DeviceModel = z.infer<typeof deviceModelSchema>;

/** A table that breaks the format; `message` names the file and the entry. */
export class DeviceModelsError extends Error {
  override name = 'DeviceModelsError';
}

export class DeviceModels {
  private readonly byModel: ReadonlyMap<string, DeviceModel>;

  private constructor(models: readonly DeviceModel[]) {
    this.byModel = new Map(models.map((entry) => [entry.model, entry]));
  }

  /** Validates a parsed table: the format, then that no model is listed twice. */
  static parse(json: unknown, source = 'device models'): DeviceModels {
    const parsed = tableSchema.safeParse(json);
    if (!parsed.success) {
      const problem = firstIssue(parsed.error, (path) => describeRecord(json, path, 'model'));
      throw new DeviceModelsError(`${source}: ${problem}`);
    }
    const seen = new Set<string>();
    for (const { model } of parsed.data.models) {
      if (seen.has(model)) throw new DeviceModelsError(`${source}: model "${model}" is listed twice`);
      seen.add(model);
    }
    return new DeviceModels(parsed.data.models);
  }

  /** Reads and validates a table file (by default the checked-in one). */
  static load(file: string = DEVICE_MODELS_PATH): DeviceModels {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new DeviceModelsError(`Cannot read device models ${file}: ${(error as Error).message}`);
    }
    return DeviceModels.parse(json, file);
  }

  /** The entry of a model name as a device sends it (case and surrounding spaces ignored), or undefined. */
  find(model: string): DeviceModel | undefined {
    return this.byModel.get(model.trim().toLowerCase());
  }

  /** Every model name, sorted. */
  names(): string[] {
    return [...this.byModel.keys()].sort();
  }
}

/**
 * The `DeviceInput` of a GraphQL `play` for a model. `deviceId` is the installation's id when the
 * device sends one; otherwise the model stands in for it (playback uses it only in its messages).
 */
export function deviceInputFor(entry: DeviceModel, deviceId: string | undefined): DeviceInput {
  return {
    id: deviceId ?? `legacy:${entry.model}`,
    type: entry.type,
    codecs: [...entry.codecs],
    maxHeight: entry.maxHeight,
    hdr: [...entry.hdr],
    drm: [...entry.drm],
  };
}
