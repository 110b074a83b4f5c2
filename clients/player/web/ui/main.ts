/**
 * The reference web player (docs/player.md): the player SDK in a browser against `npm start`. Pick a
 * demo account and profile, browse, press play; a refusal shows its reason and offers, a grant plays
 * the reference edges' synthetic segments with a live chart; the buttons break things on purpose.
 * Its state is exposed as `window.__player` for the browser test (test/e2e/player/).
 */
import './player.css';
import { documentIds } from '../../src/__generated__/documentIds';
import type {
  ContinueWatchingQuery,
  MeQuery,
  PlayQuery,
  TitlesQuery,
} from '../../src/__generated__/operations';
import {
  Outbox,
  Player,
  PlaybackRefusedError,
  systemClock,
  WebStorageOutboxStore,
  type PlayHandle,
  type VerifiedManifest,
} from '../../src/index';
import { sendGraphQL, type GraphQLEndpoint } from '../../src/graphql';
import { GatewayList } from '../../src/gateways';
import { controlledFetch, type NetworkSwitches } from '../networkControls';
import { PlaybackTimeline, type TimelineSnapshot } from '../playbackTimeline';
import { drawChart } from './chart';
import { PLAYER_CONFIG_ELEMENT_ID, type DevTokenAnswer, type PlayerPageConfig } from '../pageConfig';

type Offer = NonNullable<PlayQuery['play']['decision']['prompt']>['offers'][number];

/** Media seconds a press of play asks for: the session ends after them (or at Stop). */
const PLANNED_SECONDS = 600;
const SEGMENT_SECONDS = 4;
const MAX_BUFFER_SECONDS = 30;
/** The "slow network" cap, in kilobits per media second. */
const THROTTLE_KBPS = 1_500;

const config = JSON.parse(
  document.getElementById(PLAYER_CONFIG_ELEMENT_ID)!.textContent ?? '{}',
) as PlayerPageConfig;
const params = new URLSearchParams(location.search);
/** `?speed=4` plays four media seconds per wall second (the browser test's shortcut). */
const speed = Number(params.get('speed')) > 0 ? Number(params.get('speed')) : 1;
const origin = location.origin;

const switches: NetworkSwitches = { controlPlaneDown: false, throttleKbps: null };
const downCdns = new Set<string>();
const pageFetch = controlledFetch((input, init) => fetch(input, init), {
  gatewayOrigin: origin,
  clock: systemClock,
  switches: () => switches,
});

interface Session {
  account: DevTokenAnswer | null;
  profileId: string | null;
  profiles: MeQuery['me']['profiles'];
  titles: { id: string; name: string }[];
  titleId: string | null;
  refusal: { reason: string; message: string; offers: Offer[] } | null;
  error: string | null;
  continueWatching: { titleId: string; name: string; positionSeconds: number }[];
  outboxPending: number;
  sessionEnd: { reason: string; positionSeconds: number } | null;
}

const state: Session = {
  account: null,
  profileId: null,
  profiles: [],
  titles: [],
  titleId: null,
  refusal: null,
  error: null,
  continueWatching: [],
  outboxPending: 0,
  sessionEnd: null,
};
let handle: PlayHandle | null = null;
let timeline: PlaybackTimeline | null = null;
let manifest: VerifiedManifest | null = null;

const endpoint: GraphQLEndpoint = {
  fetch: pageFetch,
  gateways: new GatewayList(origin),
  headers: async () => ({
    authorization: `Bearer ${state.account?.token ?? ''}`,
    ...(state.account ? { 'x-country': state.account.country } : {}),
  }),
};
const outbox = new Outbox(
  new WebStorageOutboxStore(localStorage),
  Player.reporterFor({ gatewayUrl: origin, authToken: () => state.account?.token ?? '', fetch: pageFetch }),
  { clock: systemClock, onError: (message) => log(message) },
);

// ---------- the page ----------

const el = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] => {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
};

const app = document.getElementById('player-app')!;
app.textContent = '';
const accountSelect = el('select', { id: 'account' });
accountSelect.append(
  el('option', { value: '' }, 'Choose a demo account'),
  ...config.accounts.map((account) =>
    el('option', { value: account.id }, `${account.id} (${account.country}, ${account.subscription})`),
  ),
);
const profileSelect = el('select', { id: 'profile', disabled: '' });
const titleList = el('div', { class: 'titles', id: 'titles' });
const refusalBox = el('section', { class: 'refusal', id: 'refusal', hidden: '' });
const statusList = el('dl', { class: 'status', id: 'status' });
const canvas = el('canvas', { id: 'chart', width: '1040', height: '220' });
const stopButton = el('button', { id: 'stop', disabled: '' }, 'Stop (ends the session)');
const controlPlaneButton = el('button', { id: 'control-plane' }, 'Take the control plane down');
const slowButton = el('button', { id: 'slow-network' }, `Slow network (${THROTTLE_KBPS} kbps)`);
const cdnButtons = el('span', { class: 'row', id: 'cdn-buttons' });
const continueList = el('ul', { id: 'continue-watching' });
const logList = el('ul', { id: 'log', class: 'notice' });

app.append(
  el('h1', {}, 'Reference player'),
  el(
    'p',
    { class: 'notice' },
    'Development only: the player SDK in this page, against the gateway and the reference edges of npm start. ',
    `Speed ×${speed} (?speed=N).`,
  ),
  el('section', {}, el('div', { class: 'row' }, 'Account ', accountSelect, ' Profile ', profileSelect)),
  el('section', {}, el('h2', {}, 'Titles'), titleList),
  refusalBox,
  el(
    'section',
    {},
    el('h2', {}, 'Playback'),
    statusList,
    canvas,
    el('div', { class: 'row' }, stopButton, controlPlaneButton, slowButton, cdnButtons),
  ),
  el(
    'section',
    {},
    el('h2', {}, 'Continue watching'),
    continueList,
    el('button', { id: 'refresh-continue' }, 'Refresh'),
  ),
  el('section', {}, el('h2', {}, 'Log'), logList),
);

function log(message: string): void {
  logList.prepend(el('li', {}, `${new Date().toLocaleTimeString()} ${message}`));
  while (logList.childElementCount > 12) logList.lastElementChild?.remove();
}

for (const cdn of config.cdns) {
  const button = el('button', { 'data-cdn': cdn.id }, `Take ${cdn.id} down`);
  button.addEventListener('click', () => void toggleCdn(cdn.id, button));
  cdnButtons.append(button);
}

async function toggleCdn(cdnId: string, button: HTMLButtonElement): Promise<void> {
  const down = !downCdns.has(cdnId);
  const response = await fetch(`/player/dev/cdns/${encodeURIComponent(cdnId)}/faults`, {
    method: down ? 'PUT' : 'DELETE',
    headers: { 'content-type': 'application/json' },
    body: down ? JSON.stringify({ down: true }) : null,
  });
  if (!response.ok) return log(`${cdnId}: ${((await response.json()) as { error?: string }).error}`);
  if (down) downCdns.add(cdnId);
  else downCdns.delete(cdnId);
  button.classList.toggle('on', down);
  button.textContent = down ? `Bring ${cdnId} back` : `Take ${cdnId} down`;
  log(down ? `${cdnId} is down (its edge drops every connection)` : `${cdnId} is back`);
}

controlPlaneButton.addEventListener('click', () => {
  switches.controlPlaneDown = !switches.controlPlaneDown;
  controlPlaneButton.classList.toggle('on', switches.controlPlaneDown);
  controlPlaneButton.textContent = switches.controlPlaneDown
    ? 'Bring the control plane back'
    : 'Take the control plane down';
  log(switches.controlPlaneDown ? 'the gateway is unreachable from this page' : 'the gateway is back');
  // Back: deliver what waited at once (if due), and show it.
  if (!switches.controlPlaneDown) {
    void outbox.flush().then(refreshOutbox).then(refreshContinueWatching);
  }
});

slowButton.addEventListener('click', () => {
  // A 1,500 kbit/s link in media time: at ?speed=4 media arrives four times as fast, so the cap does too.
  switches.throttleKbps = switches.throttleKbps === null ? THROTTLE_KBPS * speed : null;
  slowButton.classList.toggle('on', switches.throttleKbps !== null);
  log(switches.throttleKbps ? `segments throttled to ${THROTTLE_KBPS} kbps` : 'network at full speed');
});

stopButton.addEventListener('click', () => handle?.stop());
document.getElementById('refresh-continue')!.addEventListener('click', () => void refreshContinueWatching());

accountSelect.addEventListener('change', () => void chooseAccount(accountSelect.value));
profileSelect.addEventListener('change', () => {
  state.profileId = profileSelect.value;
  renderContinueWatching();
});

async function chooseAccount(accountId: string): Promise<void> {
  if (!accountId) return;
  try {
    const response = await fetch(`/player/dev-token?account=${encodeURIComponent(accountId)}`);
    if (!response.ok) throw new Error(((await response.json()) as { error: string }).error);
    state.account = (await response.json()) as DevTokenAnswer;
    const { me } = await sendGraphQL<MeQuery>(endpoint, documentIds.Me, {}, 'me');
    state.profiles = me.profiles;
    profileSelect.textContent = '';
    profileSelect.append(
      ...me.profiles.map((profile) =>
        el(
          'option',
          { value: profile.id },
          `${profile.name} (${profile.kind}, up to ${profile.maxMaturity})`,
        ),
      ),
    );
    profileSelect.disabled = false;
    state.profileId = me.profiles[0]?.id ?? null;
    const { titles } = await sendGraphQL<TitlesQuery>(endpoint, documentIds.Titles, { first: 50 }, 'titles');
    state.titles = titles.edges.map((edge) => ({ id: edge.node.id, name: edge.node.name }));
    titleList.textContent = '';
    titleList.append(
      ...state.titles.map((title) => {
        const button = el('button', { 'data-title': title.id }, `▶ ${title.name}`);
        button.addEventListener('click', () => void play(title.id));
        return button;
      }),
    );
    await refreshContinueWatching();
    log(`signed in as ${accountId} (development token)`);
  } catch (error) {
    state.error = (error as Error).message;
    log(`cannot sign in: ${state.error}`);
  }
}

async function play(titleId: string): Promise<void> {
  if (!state.account || !state.profileId) return;
  handle?.stop();
  state.titleId = titleId;
  state.refusal = null;
  state.error = null;
  state.sessionEnd = null;
  refusalBox.hidden = true;
  const player = new Player({
    gatewayUrl: origin,
    authToken: () => state.account!.token,
    country: state.account.country,
    fetch: pageFetch,
    outbox,
    playback: { speed, segmentSeconds: SEGMENT_SECONDS, maxBufferSeconds: MAX_BUFFER_SECONDS },
    onBackgroundError: (message) => log(message),
  });
  const startedAt = Date.now();
  const current = player.play({
    input: {
      titleId,
      profileId: state.profileId,
      device: {
        id: 'reference-web-player',
        type: 'WEB',
        codecs: ['H264', 'HEVC', 'AV1'],
        maxHeight: 2160,
        hdr: [],
        drm: ['WIDEVINE'],
      },
    },
    plannedSeconds: PLANNED_SECONDS,
  });
  handle = current;
  // A refusal rejects `done` as well as `manifest`; the refusal is handled below, through `manifest`.
  current.done.catch(() => {});
  const local = new PlaybackTimeline(
    startedAt,
    speed,
    SEGMENT_SECONDS,
    (variantId) => manifest?.claims.variants.find((variant) => variant.id === variantId)?.bitrateKbps ?? 0,
  );
  timeline = local;
  local.setPhase('requesting');
  current.onAny((event) => {
    local.record(event);
    if (event.type === 'cdnFailover') log(`CDN ${event.fromCdnId} → ${event.toCdnId} (${event.reason})`);
    if (event.type === 'bitrateSwitch')
      log(`bitrate ${event.fromKbps} → ${event.toKbps} kbps (${event.rule})`);
    if (event.type === 'rebufferStart') log('stalled');
  });
  try {
    manifest = await current.manifest;
    local.setPhase('starting');
    stopButton.disabled = false;
    log(`manifest verified in the browser: ${manifest.claims.cdns.map((cdn) => cdn.id).join(', ')}`);
  } catch (error) {
    if (error instanceof PlaybackRefusedError) {
      local.setPhase('refused');
      state.refusal = {
        reason: error.reason,
        message: error.message,
        offers: error.prompt?.offers ?? [],
      };
      renderRefusal();
    } else {
      local.setPhase('error');
      state.error = (error as Error).message;
      log(`cannot play: ${state.error}`);
    }
    return;
  }
  const summary = await current.done.catch((error: Error) => {
    local.setPhase('error');
    state.error = error.message;
    return null;
  });
  stopButton.disabled = true;
  if (!summary) return;
  state.sessionEnd = { reason: summary.reason, positionSeconds: summary.positionSeconds };
  log(
    `session ended (${summary.reason}) at ${Math.floor(summary.positionSeconds)} s; reporting it through the outbox`,
  );
  // The SDK put the report in the outbox; the continue-watching row shows it once it is delivered.
  for (let attempt = 0; attempt < 20; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    await refreshOutbox();
    if (state.outboxPending === 0) {
      await refreshContinueWatching();
      if (state.continueWatching.some((item) => item.titleId === titleId)) break;
    }
  }
}

function renderRefusal(): void {
  const refusal = state.refusal!;
  refusalBox.textContent = '';
  refusalBox.append(
    el('h2', {}, `Refused: ${refusal.reason}`),
    el('p', { id: 'refusal-message' }, refusal.message),
    refusal.offers.length
      ? el(
          'ul',
          { id: 'offers' },
          ...refusal.offers.map((offer) => el('li', { 'data-offer': offer.type }, describeOffer(offer))),
        )
      : el('p', { class: 'notice' }, 'Nothing on offer would help.'),
  );
  refusalBox.hidden = false;
}

function describeOffer(offer: Offer): string {
  const price =
    offer.priceCents !== null ? ` for ${(offer.priceCents / 100).toFixed(2)} ${offer.currency ?? ''}` : '';
  const tier = offer.tier ? ` ${offer.tier}` : '';
  const hours = offer.rentalHours ? ` (${offer.rentalHours} h)` : '';
  return `${offer.type}${tier}${price}${hours}`;
}

async function refreshOutbox(): Promise<void> {
  state.outboxPending = (await outbox.pending().catch(() => [])).length;
}

async function refreshContinueWatching(): Promise<void> {
  if (!state.account) return;
  try {
    const { me } = await sendGraphQL<ContinueWatchingQuery>(endpoint, documentIds.ContinueWatching, {}, 'me');
    const profile = me.profiles.find((candidate) => candidate.id === state.profileId);
    state.continueWatching = (profile?.continueWatching ?? []).map((item) => ({
      titleId: item.title.id,
      name: item.title.name,
      positionSeconds: item.positionSeconds,
    }));
    renderContinueWatching();
  } catch (error) {
    log(`continue watching unavailable: ${(error as Error).message}`);
  }
}

function renderContinueWatching(): void {
  continueList.textContent = '';
  continueList.append(
    ...state.continueWatching.map((item) =>
      el('li', { 'data-title': item.titleId }, `${item.name}, at ${item.positionSeconds} s`),
    ),
  );
  if (state.continueWatching.length === 0) continueList.append(el('li', { class: 'notice' }, 'Nothing yet'));
}

function renderStatus(snapshot: TimelineSnapshot | null): void {
  const cells: [string, string][] = [
    ['state', snapshot?.phase ?? 'idle'],
    ['CDN', snapshot?.currentCdn ?? '–'],
    ['bitrate', snapshot?.currentKbps ? `${snapshot.currentKbps} kbps` : '–'],
    ['buffer', snapshot ? `${snapshot.bufferSeconds.toFixed(1)} s` : '–'],
    ['stalls', String(snapshot?.rebufferCount ?? 0)],
    ['reports waiting', String(state.outboxPending)],
  ];
  statusList.textContent = '';
  for (const [label] of cells) statusList.append(el('dt', {}, label));
  for (const [label, value] of cells) statusList.append(el('dd', { 'data-status': label }, value));
  app.dataset.phase = snapshot?.phase ?? 'idle';
}

setInterval(() => void refreshOutbox(), 1_000);

setInterval(() => {
  const now = Date.now();
  if (timeline) timeline.sample(now);
  const snapshot = timeline?.snapshot(now) ?? null;
  renderStatus(snapshot);
  const maxKbps = Math.max(1, ...(manifest?.claims.variants.map((variant) => variant.bitrateKbps) ?? [1]));
  drawChart(canvas, snapshot?.samples ?? [], manifest?.claims.cdns.map((cdn) => cdn.id) ?? [], {
    maxBufferSeconds: MAX_BUFFER_SECONDS,
    maxKbps,
  });
}, 250);

/** For the browser test and for anyone curious in the console. */
(window as unknown as { __player: () => unknown }).__player = () => ({
  ...state,
  account: state.account?.accountId ?? null,
  cdnsDown: [...downCdns],
  switches: { ...switches },
  manifestCdns: manifest?.claims.cdns.map((cdn) => cdn.id) ?? [],
  cdns: config.cdns,
  playback: timeline?.snapshot(Date.now()) ?? null,
});

// Reports an earlier visit left behind are delivered now (Outbox.run flushes whenever one falls due).
void outbox.run(new AbortController().signal, 5_000);
void refreshOutbox();
renderStatus(null);
renderContinueWatching();
