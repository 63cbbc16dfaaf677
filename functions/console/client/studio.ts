// The prompt studio (coordinators, #prompts): every IVR prompt with what a call plays now, and recording
// the real voice in the browser. A take is recorded with MediaRecorder, decoded, made mono, trimmed and
// turned into the file the IVR plays (8 kHz µ-law WAV, ./wav.ts) before it is heard back and uploaded:
// POST …/upload says where to PUT it, then POST …/recorded has the server check it and make it live.
import type { PromptList, PromptUpload, PromptView } from '../../../shared/console/api.js';
import { ApiFailure, byId, el, errorText, get, post, setStatus } from './api.js';
import { belgradeTime, type Key, t, uiLanguage } from './i18n.js';
import { downmix, encodeMuLawWav, muLawWavSeconds, peakDb, trimSilence } from './wav.js';

/** Quieter than this at its loudest, a take will sound faint on a phone. */
const QUIET_DB = -30;
/** At or above this the microphone or the browser clipped: the voice is distorted. */
const CLIPPING_DB = -0.1;
/** The recorder stops on its own this long after the prompt's limit (trimming may bring it back under). */
const GRACE_SECONDS = 1;

type Phase = 'asking' | 'recording' | 'processing' | 'preview' | 'uploading';

/** A recorded take, as the IVR would play it. */
interface Take {
  wav: Uint8Array<ArrayBuffer>;
  url: string;
  seconds: number;
  peak: number;
  /** Each a label, read again when the page's language changes. */
  warnings: (() => string)[];
  /** False when the take must not go up (nothing heard, too long). */
  uploadable: boolean;
}

/** One prompt in the list: its data and the nodes that show it. */
interface Entry {
  view: PromptView;
  node: HTMLLIElement;
  parts: {
    title: HTMLHeadingElement;
    meta: HTMLParagraphElement;
    badge: HTMLSpanElement;
    text: HTMLParagraphElement;
    gloss: HTMLParagraphElement;
    recorded: HTMLParagraphElement;
    tts: HTMLParagraphElement;
    player: HTMLDivElement;
    playerLabel: HTMLSpanElement;
    audio: HTMLAudioElement;
    record: HTMLButtonElement;
  };
  panel?: Panel;
}

/** The recorder under an entry while a take is made, heard and uploaded. */
interface Panel {
  root: HTMLDivElement;
  status: HTMLParagraphElement;
  timer: HTMLParagraphElement;
  preview: HTMLDivElement;
  previewLabel: HTMLParagraphElement;
  audio: HTMLAudioElement;
  facts: HTMLParagraphElement;
  warnings: HTMLUListElement;
  format: HTMLParagraphElement;
  stop: HTMLButtonElement;
  upload: HTMLButtonElement;
  again: HTMLButtonElement;
  cancel: HTMLButtonElement;
}

/** The one recording in progress: at most one microphone, one take, one upload at a time. */
interface Session {
  entry: Entry;
  phase: Phase;
  ended: boolean;
  stream?: MediaStream;
  recorder?: MediaRecorder;
  startedAt: number;
  ticker?: ReturnType<typeof setInterval>;
  stopper?: ReturnType<typeof setTimeout>;
  take?: Take;
  /** The latest problem, in the panel's status line (a label, read again when the language changes). */
  problem?: (() => string) | undefined;
  /** The hotline refused this take: uploading it again cannot help. */
  refused: boolean;
}

let list: PromptList | undefined;
let session: Session | undefined;
const entries = new Map<string, Entry>();

const LOCALES: Record<ReturnType<typeof uiLanguage>, string> = { en: 'en-GB', ru: 'ru-RU', ky: 'ky-KG' };
const number = (value: number, digits = 1) =>
  value.toLocaleString(LOCALES[uiLanguage()], {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
/** A limit as written: `30`, `2.5`. */
const limit = (value: number) => number(value, Number.isInteger(value) ? 0 : 1);
const promptPath = (view: PromptView) =>
  `/console/api/prompts/${encodeURIComponent(view.language)}/${encodeURIComponent(view.id)}`;
const domId = (key: string) => `prompt-${key.replace(/[^\w-]/g, '-')}`;
const select = (id: string) => byId<HTMLSelectElement>(id);

export async function showPrompts(): Promise<void> {
  try {
    list = await get<PromptList>('/console/api/prompts');
    render();
  } catch (error) {
    if (!(error instanceof ApiFailure && error.status === 401)) setStatus(errorText(error));
  }
}

/** Left the view: the microphone is let go and an unsent take dropped. */
export function leavePrompts(): void {
  if (session) endSession(session);
}

/** Signed out: nothing of the studio stays in the page. */
export function resetPrompts(): void {
  leavePrompts();
  list = undefined;
  entries.clear();
  byId('prompt-list').replaceChildren();
  byId('prompt-count').textContent = '';
  byId('prompt-empty').hidden = true;
}

/** Labels changed: every entry and the recorder again in the new language. */
export function relabelPrompts(): void {
  for (const entry of entries.values()) paintEntry(entry);
  if (session) paintPanel(session);
  applyFilters();
}

export function initPrompts(): void {
  for (const id of ['prompt-language', 'prompt-status-filter', 'prompt-kind']) {
    select(id).addEventListener('change', applyFilters);
  }
}

// The list --------------------------------------------------------------------------------------------

const LANGUAGE_ORDER = ['ky', 'ru'];

function render(): void {
  if (!list) return;
  const views = [...list.prompts].sort(
    (a, b) =>
      LANGUAGE_ORDER.indexOf(a.language) - LANGUAGE_ORDER.indexOf(b.language) ||
      Number(a.kind === 'fragment') - Number(b.kind === 'fragment'),
  );
  const keys = new Set(views.map((view) => view.key));
  for (const [key, entry] of entries) {
    if (keys.has(key)) continue;
    if (session?.entry === entry) endSession(session);
    entries.delete(key);
  }
  const nodes = views.map((view) => {
    let entry = entries.get(view.key);
    if (entry) entry.view = view;
    else {
      entry = createEntry(view);
      entries.set(view.key, entry);
    }
    paintEntry(entry);
    return entry.node;
  });
  const root = byId('prompt-list');
  // Moving a node out and back would stop its player: the list is only rebuilt when its order changed.
  const current = Array.from(root.children);
  if (current.length !== nodes.length || nodes.some((node, i) => current[i] !== node)) {
    root.replaceChildren(...nodes);
  }
  applyFilters();
}

function matches(view: PromptView): boolean {
  const language = select('prompt-language').value;
  const status = select('prompt-status-filter').value;
  const kind = select('prompt-kind').value;
  return (
    (language === 'all' || view.language === language) &&
    (kind === 'all' || view.kind === kind) &&
    (status === 'all' || view.status === status)
  );
}

function applyFilters(): void {
  if (!list) return;
  const language = select('prompt-language').value;
  const kind = select('prompt-kind').value;
  let shown = 0;
  for (const entry of entries.values()) {
    // The prompt being recorded stays in sight whatever the filters say.
    const visible = matches(entry.view) || session?.entry === entry;
    entry.node.hidden = !visible;
    if (visible) shown++;
  }
  // Counts are of the chosen language and kind, whatever the status filter.
  const chosen = list.prompts.filter(
    (view) => (language === 'all' || view.language === language) && (kind === 'all' || view.kind === kind),
  );
  const recordable = chosen.filter((view) => view.status !== 'tts');
  const parts = [
    t('promptCount', {
      n: recordable.filter((view) => view.status === 'recorded').length,
      total: recordable.length,
    }),
  ];
  const spoken = chosen.length - recordable.length;
  if (spoken > 0) parts.push(t('promptCountTts', { n: spoken }));
  if (shown !== chosen.length) parts.push(t('promptShown', { n: shown }));
  byId('prompt-count').textContent = parts.join(' · ');
  byId('prompt-empty').hidden = shown > 0;
}

function createEntry(view: PromptView): Entry {
  const id = domId(view.key);
  const title = el('h3', { id: `${id}-title`, class: 'prompt-id' });
  const badge = el('span', { class: 'badge prompt-status' });
  const meta = el('p', { class: 'meta prompt-meta' });
  const text = el('p', { class: 'prompt-text', lang: view.language });
  const gloss = el('p', { class: 'prompt-gloss', lang: 'ru' });
  const recorded = el('p', { class: 'meta prompt-recorded' });
  const tts = el('p', { class: 'notice prompt-tts' });
  const playerLabel = el('span', { id: `${id}-now`, class: 'player-label' });
  const audio = el('audio', { controls: '', preload: 'none', 'aria-labelledby': `${id}-now ${id}-title` });
  const player = el('div', { class: 'prompt-player' }, playerLabel, audio);
  const record = el('button', {
    type: 'button',
    class: 'primary',
    'data-action': 'record',
    'aria-describedby': `${id}-title`,
  });
  const node = el(
    'li',
    { class: 'prompt', 'data-prompt': view.key },
    el('div', { class: 'prompt-head' }, title, badge),
    meta,
    text,
    gloss,
    recorded,
    tts,
    player,
    el('div', { class: 'prompt-buttons' }, record),
  );
  const entry: Entry = {
    view,
    node,
    parts: { title, meta, badge, text, gloss, recorded, tts, player, playerLabel, audio, record },
  };
  record.addEventListener('click', () => void startRecording(entry));
  return entry;
}

const STATUS_LABELS: Record<PromptView['status'], Key> = {
  recorded: 'statusRecorded',
  placeholder: 'statusPlaceholder',
  tts: 'statusTts',
};

function paintEntry(entry: Entry): void {
  const { view, parts } = entry;
  parts.title.textContent = view.id;
  parts.badge.textContent = t(STATUS_LABELS[view.status]);
  parts.badge.className = `badge prompt-status ${view.status}`;
  parts.meta.textContent = [
    t(view.language === 'ky' ? 'langKy' : 'langRu'),
    t(view.kind === 'fragment' ? 'kindFragment' : 'kindPrompt'),
    ...(view.status === 'tts' ? [] : [t('maxSeconds', { n: limit(view.maxSeconds) })]),
  ].join(' · ');
  parts.text.textContent = view.text;
  parts.gloss.hidden = !view.gloss;
  parts.gloss.replaceChildren(
    el('span', { class: 'visually-hidden', lang: uiLanguage() }, `${t('glossLabel')} `),
    view.gloss ?? '',
  );
  parts.recorded.hidden = view.status !== 'recorded' || !view.recorded;
  parts.recorded.textContent = view.recorded
    ? t('recordedBy', { name: view.recorded.name, date: belgradeTime(view.recorded.at).slice(0, 10) })
    : '';
  parts.tts.hidden = view.status !== 'tts';
  parts.tts.textContent = t('ttsNote');
  parts.player.hidden = !view.playUrl;
  parts.playerLabel.textContent = t('playsNow');
  if (view.playUrl && parts.audio.getAttribute('src') !== view.playUrl) parts.audio.src = view.playUrl;
  parts.record.textContent = t('record');
  parts.record.hidden = view.status === 'tts' || session?.entry === entry;
}

// Recording -------------------------------------------------------------------------------------------

function panelOf(entry: Entry): Panel {
  if (entry.panel) return entry.panel;
  const id = domId(entry.view.key);
  const button = (action: string, className = '') =>
    el('button', {
      type: 'button',
      'data-action': action,
      class: className,
      'aria-describedby': `${id}-title`,
    });
  const status = el('p', { class: 'rec-status' });
  const warnings = el('ul', { class: 'rec-warnings' });
  const previewLabel = el('p', { id: `${id}-take`, class: 'player-label' });
  const audio = el('audio', { controls: '', class: 'preview', 'aria-labelledby': `${id}-take ${id}-title` });
  const facts = el('p', { class: 'meta rec-facts' });
  const preview = el('div', { class: 'rec-preview' }, previewLabel, audio, facts);
  const panel: Panel = {
    root: el('div', { class: 'recorder', role: 'group', 'aria-labelledby': `${id}-title` }),
    status,
    // A timer is not read out every second (role=timer is a live region that stays quiet); the status
    // line above it announces each step.
    timer: el('p', { class: 'rec-timer', role: 'timer', 'aria-live': 'off' }),
    preview,
    previewLabel,
    audio,
    facts,
    warnings,
    format: el('p', { class: 'hint rec-format' }),
    stop: button('stop', 'primary'),
    upload: button('upload', 'primary'),
    again: button('again'),
    cancel: button('cancel'),
  };
  panel.root.append(
    el('div', { class: 'rec-messages', 'aria-live': 'polite' }, status, warnings),
    panel.timer,
    preview,
    panel.format,
    el('div', { class: 'rec-buttons' }, panel.stop, panel.upload, panel.again, panel.cancel),
  );
  panel.stop.addEventListener('click', () => {
    if (session?.entry === entry) stopRecording(session);
  });
  panel.upload.addEventListener('click', () => {
    if (session?.entry === entry) void upload(session);
  });
  panel.again.addEventListener('click', () => void startRecording(entry));
  panel.cancel.addEventListener('click', () => {
    if (session?.entry === entry) endSession(session);
    entry.parts.record.focus();
  });
  entry.node.append(panel.root);
  entry.panel = panel;
  return panel;
}

const PHASE_TEXT: Record<Phase, Key> = {
  asking: 'micAsking',
  recording: 'recording',
  processing: 'processing',
  preview: 'previewReady',
  uploading: 'uploading',
};

function paintPanel(s: Session): void {
  const panel = panelOf(s.entry);
  const { phase, take } = s;
  panel.root.hidden = false;
  panel.status.textContent = s.problem ? s.problem() : t(PHASE_TEXT[phase]);
  panel.status.classList.toggle('problem', s.problem !== undefined);
  panel.timer.hidden = phase !== 'recording';
  paintTimer(s);
  const previewing = take !== undefined && (phase === 'preview' || phase === 'uploading');
  panel.preview.hidden = !previewing;
  panel.warnings.replaceChildren(
    ...(previewing ? take.warnings.map((warning) => el('li', {}, warning())) : []),
  );
  panel.warnings.hidden = !previewing || take.warnings.length === 0;
  if (take) {
    panel.previewLabel.textContent = t('previewLabel');
    panel.facts.textContent = t('previewFacts', {
      s: number(take.seconds),
      db: Number.isFinite(take.peak) ? number(take.peak) : '−∞',
    });
  }
  panel.format.textContent = t('promptsFormat');
  panel.stop.textContent = t('stop');
  panel.upload.textContent = t('upload');
  panel.again.textContent = t('recordAgain');
  panel.cancel.textContent = t('cancel');
  panel.stop.hidden = phase !== 'recording';
  panel.upload.hidden = !previewing;
  panel.upload.disabled = phase === 'uploading' || !take?.uploadable || s.refused;
  panel.again.hidden = !(previewing || (phase === 'asking' && s.problem !== undefined));
  panel.again.disabled = phase === 'uploading';
  panel.cancel.disabled = phase === 'uploading';
  s.entry.parts.record.hidden = true;
}

function paintTimer(s: Session): void {
  if (s.phase !== 'recording') return;
  const elapsed = (performance.now() - s.startedAt) / 1000;
  panelOf(s.entry).timer.textContent = t('timer', {
    t: number(elapsed),
    max: limit(s.entry.view.maxSeconds),
  });
}

/** Lets the microphone go and closes the recorder; a take not uploaded is dropped. */
function endSession(s: Session): void {
  s.ended = true;
  clearInterval(s.ticker);
  clearTimeout(s.stopper);
  if (s.recorder && s.recorder.state !== 'inactive') s.recorder.stop();
  for (const track of s.stream?.getTracks() ?? []) track.stop();
  if (s.take) URL.revokeObjectURL(s.take.url);
  const panel = s.entry.panel;
  if (panel) {
    panel.audio.removeAttribute('src');
    panel.audio.load();
    panel.root.hidden = true;
  }
  if (session === s) session = undefined;
  s.entry.parts.record.hidden = s.entry.view.status === 'tts';
  applyFilters();
}

function microphoneProblem(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return t('micDenied');
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return t('micNotFound');
  return t('micFailed', { why: name || String(error) });
}

/** The container MediaRecorder writes here (Chromium and Firefox: WebM/Ogg Opus, Safari: MP4). */
function recorderType(): string | undefined {
  const types = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm', 'audio/mp4'];
  return types.find((type) => MediaRecorder.isTypeSupported?.(type));
}

async function startRecording(entry: Entry): Promise<void> {
  if (session) endSession(session);
  const s: Session = { entry, phase: 'asking', ended: false, startedAt: 0, refused: false };
  session = s;
  paintPanel(s);
  applyFilters();
  const media = navigator.mediaDevices;
  if (!media?.getUserMedia || typeof MediaRecorder === 'undefined') {
    s.problem = () => t('micMissing');
    paintPanel(s);
    return;
  }
  let stream: MediaStream;
  try {
    stream = await media.getUserMedia({
      audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false },
    });
  } catch (error) {
    if (s.ended) return;
    s.problem = () => microphoneProblem(error);
    paintPanel(s);
    return;
  }
  if (s.ended) {
    for (const track of stream.getTracks()) track.stop();
    return;
  }
  s.stream = stream;
  let recorder: MediaRecorder;
  try {
    const mimeType = recorderType();
    recorder = new MediaRecorder(stream, mimeType ? { mimeType } : {});
  } catch (error) {
    s.problem = () => microphoneProblem(error);
    for (const track of stream.getTracks()) track.stop();
    paintPanel(s);
    return;
  }
  s.recorder = recorder;
  const chunks: Blob[] = [];
  recorder.addEventListener('dataavailable', (event) => {
    if (event.data.size > 0) chunks.push(event.data);
  });
  recorder.addEventListener('stop', () => {
    for (const track of stream.getTracks()) track.stop();
    if (!s.ended) void finishTake(s, new Blob(chunks, { type: recorder.mimeType || 'audio/webm' }));
  });
  recorder.start(250);
  s.phase = 'recording';
  s.startedAt = performance.now();
  s.ticker = setInterval(() => paintTimer(s), 200);
  s.stopper = setTimeout(() => stopRecording(s), (entry.view.maxSeconds + GRACE_SECONDS) * 1000);
  paintPanel(s);
  panelOf(entry).stop.focus();
}

function stopRecording(s: Session): void {
  if (s.phase !== 'recording') return;
  clearInterval(s.ticker);
  clearTimeout(s.stopper);
  s.phase = 'processing';
  paintPanel(s);
  panelOf(s.entry).cancel.focus();
  if (s.recorder?.state !== 'inactive') s.recorder?.stop();
}

/** Decodes the take at 48 kHz (Opus's own rate), then makes of it the file the IVR plays. */
async function decode(blob: Blob): Promise<AudioBuffer> {
  const bytes = await blob.arrayBuffer();
  if (typeof OfflineAudioContext !== 'undefined') {
    return new OfflineAudioContext(1, 1, 48_000).decodeAudioData(bytes);
  }
  const context = new AudioContext();
  try {
    return await context.decodeAudioData(bytes);
  } finally {
    void context.close();
  }
}

async function finishTake(s: Session, blob: Blob): Promise<void> {
  let audio: AudioBuffer;
  try {
    audio = await decode(blob);
  } catch (error) {
    if (s.ended) return;
    s.phase = 'asking';
    const why = error instanceof Error ? error.message : String(error);
    s.problem = () => t('decodeFailed', { why });
    paintPanel(s);
    return;
  }
  if (s.ended) return;
  const channels = Array.from({ length: audio.numberOfChannels }, (_, i) => audio.getChannelData(i));
  const voice = trimSilence(downmix(channels), audio.sampleRate);
  const wav = encodeMuLawWav(voice, audio.sampleRate);
  const seconds = muLawWavSeconds(wav);
  const peak = peakDb(voice);
  const max = s.entry.view.maxSeconds;
  const warnings: (() => string)[] = [];
  const heard = voice.length > 0;
  if (!heard) warnings.push(() => t('warnSilent'));
  else if (peak < QUIET_DB) warnings.push(() => t('warnQuiet'));
  if (peak >= CLIPPING_DB) warnings.push(() => t('warnClipping'));
  if (seconds > max) warnings.push(() => t('warnLong', { n: limit(max) }));
  s.take = {
    wav,
    url: URL.createObjectURL(new Blob([wav], { type: 'audio/wav' })),
    seconds,
    peak,
    warnings,
    uploadable: heard && seconds <= max,
  };
  s.phase = 'preview';
  s.problem = undefined;
  const panel = panelOf(s.entry);
  panel.audio.src = s.take.url;
  paintPanel(s);
  (s.take.uploadable ? panel.upload : panel.again).focus();
}

/** The three steps: where to put it, PUT it there (no cookies off this origin), have the server take it. */
async function upload(s: Session): Promise<void> {
  const take = s.take;
  if (!take?.uploadable || s.phase !== 'preview' || s.refused) return;
  const view = s.entry.view;
  s.phase = 'uploading';
  s.problem = undefined;
  paintPanel(s);
  const back = (problem: () => string) => {
    if (s.ended) return;
    s.phase = 'preview';
    s.problem = problem;
    paintPanel(s);
    setStatus(problem());
  };
  let target: PromptUpload;
  try {
    target = await post<PromptUpload>(`${promptPath(view)}/upload`, {});
  } catch (error) {
    if (!(error instanceof ApiFailure && error.status === 401)) back(() => errorText(error));
    return;
  }
  if (s.ended) return;
  const sameOrigin = new URL(target.url, location.href).origin === location.origin;
  try {
    const answer = await fetch(target.url, {
      method: target.method,
      headers: target.headers,
      body: take.wav,
      credentials: sameOrigin ? 'same-origin' : 'omit',
      signal: AbortSignal.timeout(60_000),
    });
    if (!answer.ok) {
      back(() => t('uploadFailed', { why: `HTTP ${answer.status}` }));
      return;
    }
  } catch {
    back(() => t('uploadFailed', { why: t('offline') }));
    return;
  }
  if (s.ended) return;
  let updated: PromptView;
  try {
    updated = await post<PromptView>(`${promptPath(view)}/recorded`, { version: target.version });
  } catch (error) {
    if (error instanceof ApiFailure && error.status === 401) return;
    if (error instanceof ApiFailure && error.status === 400) {
      if (!s.ended) s.refused = true;
      back(() => t('fileRefused', { why: error.body?.message ?? errorText(error) }));
      return;
    }
    back(() => errorText(error));
    return;
  }
  const entry = s.entry;
  entry.view = updated;
  if (list) list.prompts = list.prompts.map((p) => (p.key === updated.key ? updated : p));
  if (!s.ended) endSession(s);
  paintEntry(entry);
  applyFilters();
  setStatus(t('uploaded'));
  entry.parts.record.focus();
}
