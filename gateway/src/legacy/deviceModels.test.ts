import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DeviceModels, DeviceModelsError, deviceInputFor, type DeviceModel } from './deviceModels';

const TV: DeviceModel = {
  model: 'acme-tv-2015',
  name: 'Acme TV (2015)',
  type: 'TV',
  codecs: ['H264'],
  maxHeight: 1080,
  hdr: [],
  drm: ['PLAYREADY'],
};

describe('the checked-in device-model table', () => {
  const table = DeviceModels.load();

  it('loads and holds a dozen or more models of every device class', () => {
    const names = table.names();
    expect(names.length).toBeGreaterThanOrEqual(12);
    const types = new Set(names.map((name) => table.find(name)!.type));
    expect([...types].sort()).toEqual(['CONSOLE', 'MOBILE', 'TABLET', 'TV', 'WEB']);
  });

  it('finds a model whatever the case and surrounding spaces a device sends', () => {
    expect(table.find('  Roku-3-4230 ')?.model).toBe('roku-3-4230');
    expect(table.find('roku-3-4230')).toMatchObject({ type: 'TV', codecs: ['H264'], maxHeight: 1080 });
  });

  it('does not find a model it does not list', () => {
    expect(table.find('nokia-3310')).toBeUndefined();
  });
});

describe('DeviceModels.parse', () => {
  it('accepts a valid table', () => {
    expect(DeviceModels.parse({ models: [TV] }).find('acme-tv-2015')).toEqual(TV);
  });

  it.each([
    ['an unknown codec', { ...TV, codecs: ['MPEG2'] }, 'models[0] (model "acme-tv-2015") field codecs[0]'],
    ['no codec at all', { ...TV, codecs: [] }, 'must list at least one codec'],
    ['a repeated DRM system', { ...TV, drm: ['PLAYREADY', 'PLAYREADY'] }, 'field drm: must not repeat'],
    ['a fractional height', { ...TV, maxHeight: 1080.5 }, 'field maxHeight'],
    ['an upper-case model name', { ...TV, model: 'Acme-TV' }, 'field model'],
    ['an unknown field', { ...TV, resolution: '1080p' }, 'models[0] (model "acme-tv-2015")'],
  ])('refuses %s, naming the entry and field', (_case, entry, message) => {
    expect(() => DeviceModels.parse({ models: [entry] }, 'table.json')).toThrow(DeviceModelsError);
    expect(() => DeviceModels.parse({ models: [entry] }, 'table.json')).toThrow(message);
  });

  it('refuses a model listed twice', () => {
    expect(() => DeviceModels.parse({ models: [TV, { ...TV, name: 'Again' }] })).toThrow(
      'model "acme-tv-2015" is listed twice',
    );
  });

  it('refuses an empty table', () => {
    expect(() => DeviceModels.parse({ models: [] })).toThrow('"models"');
  });
});

describe('DeviceModels.load', () => {
  it('names the file when it is not JSON', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'device-models-')), 'models.json');
    writeFileSync(file, '{ not json');
    expect(() => DeviceModels.load(file)).toThrow(`Cannot read device models ${file}`);
  });
});

describe('deviceInputFor', () => {
  it('gives the GraphQL device input of the model, with the device id when sent', () => {
    expect(deviceInputFor(TV, 'install-42')).toEqual({
      id: 'install-42',
      type: 'TV',
      codecs: ['H264'],
      maxHeight: 1080,
      hdr: [],
      drm: ['PLAYREADY'],
    });
  });

  it('stands the model in for a device that sends no id', () => {
    expect(deviceInputFor(TV, undefined).id).toBe('legacy:acme-tv-2015');
  });
});
