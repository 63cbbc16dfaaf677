// The list of open cases and the open case: polled, rendered from the answers, and the four commands.
// The textareas live in the page shell and are never re-created, so a draft survives every poll.
import type {
  CaseDetail,
  CaseList,
  CaseSummary,
  CommandAnswer,
  ThreadEntry,
} from '../../../shared/console/api.js';
import { ApiFailure, byId, el, errorText, get, post, setStatus } from './api.js';
import { belgradeTime, duration, isKey, type Key, t, uiLanguage } from './i18n.js';

const LIST_EVERY_MS = 5_000;
const CASE_EVERY_MS = 4_000;

let cases: CaseSummary[] | undefined;
let openCode: string | undefined;
let current: CaseDetail | undefined;
let listLoading = false;
let caseLoading: string | undefined;
let lastList = 0;
let lastCase = 0;
let busy = false;
let threadKey = '';
let voiceKey = '';
let scrollToEnd = false;
let cameFromList = false;
const drafts = new Map<string, { reply: string; note: string }>();

const replyText = () => byId<HTMLTextAreaElement>('reply-text');
const noteText = () => byId<HTMLTextAreaElement>('note-text');
const casePath = (code: string) => `/console/api/cases/${encodeURIComponent(code)}`;

const CHANNELS: Record<CaseSummary['channel'], Key> = {
  sms: 'chSms',
  whatsapp: 'chWhatsapp',
  telegram: 'chTelegram',
  'sms-gateway': 'chSim',
};

/** Polls the list every 5 s and the open case every 4 s while `active()` and the tab is visible. */
export function startPolling(active: () => boolean): void {
  setInterval(() => {
    if (!active() || document.visibilityState !== 'visible') return;
    const now = Date.now();
    if (now - lastList >= LIST_EVERY_MS) void refreshList();
    if (openCode && now - lastCase >= CASE_EVERY_MS) void refreshCase();
  }, 500);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') lastList = lastCase = 0;
  });
}

export async function refreshList(): Promise<void> {
  if (listLoading) return;
  listLoading = true;
  lastList = Date.now();
  try {
    cases = (await get<CaseList>('/console/api/cases')).cases;
    renderList();
  } catch (error) {
    if (error instanceof ApiFailure && error.status !== 401 && error.status < 500)
      setStatus(errorText(error));
  } finally {
    listLoading = false;
  }
}

export async function refreshCase(): Promise<void> {
  const code = openCode;
  if (!code || caseLoading === code) return;
  caseLoading = code;
  lastCase = Date.now();
  try {
    const detail = await get<CaseDetail>(casePath(code));
    if (code === openCode) renderCase(detail);
  } catch (error) {
    if (code === openCode) failed(error, false);
  } finally {
    if (caseLoading === code) caseLoading = undefined;
  }
}

function failed(error: unknown, fromCommand: boolean): void {
  if (!(error instanceof ApiFailure)) {
    if (fromCommand) setStatus(errorText(error));
    return;
  }
  if (error.status === 401) return;
  if (error.status === 404) {
    // After a close the case is expected to go: the close's own message stays.
    if (current?.status !== 'closed') setStatus(t('gone'));
    history.replaceState(null, '', '#cases');
    openCase(undefined);
    void refreshList();
    return;
  }
  if (fromCommand || error.status < 500) setStatus(errorText(error));
  if (error.status === 409) void refreshCase();
}

function kindOf(c: CaseSummary): 'mine' | 'waiting' | 'others' | 'closed' {
  if (c.status === 'closed') return 'closed';
  if (c.mine) return 'mine';
  return c.status === 'open' ? 'waiting' : 'others';
}

function statusText(c: CaseSummary): string {
  const kind = kindOf(c);
  if (kind === 'mine') return t('statusYours');
  if (kind === 'waiting') return t('statusWaiting');
  if (kind === 'closed') return t('statusClosed');
  return t('statusTakenBy', { name: c.takenBy?.name ?? '?' });
}

function channelText(c: CaseSummary): string {
  return t(c.source === 'voice' ? 'chCall' : CHANNELS[c.channel]);
}

function ago(minutes: number): string {
  return minutes < 1 ? t('justNow') : t('ago', { t: duration(minutes) });
}

export function renderList(): void {
  if (!cases) return;
  const root = byId('case-list');
  const focused =
    document.activeElement instanceof HTMLElement ? document.activeElement.dataset.case : undefined;
  const groups: [Key, 'mine' | 'waiting' | 'others'][] = [
    ['groupMine', 'mine'],
    ['groupWaiting', 'waiting'],
    ['groupOthers', 'others'],
  ];
  const parts: Node[] = [];
  for (const [label, kind] of groups) {
    const rows = cases.filter((c) => kindOf(c) === kind).sort((a, b) => b.waitingMinutes - a.waitingMinutes);
    if (rows.length === 0) continue;
    const id = `group-${kind}`;
    parts.push(
      el('h3', { id }, `${t(label)} (${rows.length})`),
      el('ul', { class: 'rows', 'aria-labelledby': id, 'data-group': kind }, ...rows.map(row)),
    );
  }
  if (parts.length === 0) parts.push(el('p', { class: 'empty', id: 'no-cases' }, t('noCases')));
  root.replaceChildren(...parts);
  if (focused) root.querySelector<HTMLElement>(`[data-case="${CSS.escape(focused)}"]`)?.focus();
}

function row(c: CaseSummary): HTMLLIElement {
  const kind = kindOf(c);
  const link = el(
    'a',
    { href: `#case/${encodeURIComponent(c.code)}`, 'data-case': c.code, class: `row ${kind}` },
    el('span', { class: 'code' }, c.code),
    el('span', { class: `badge ${kind}` }, statusText(c)),
    el(
      'span',
      { class: 'meta' },
      [
        c.language.toUpperCase(),
        channelText(c),
        ago(c.waitingMinutes),
        t('messages', { n: c.messages }),
      ].join(' · '),
    ),
  );
  if (c.code === openCode) link.setAttribute('aria-current', 'true');
  return el('li', {}, link);
}

/** Shows the case (or, with undefined, the empty pane); the page polls it from then on. */
export function openCase(code: string | undefined): void {
  document.body.classList.toggle('case-open', code !== undefined);
  if (code === openCode) return;
  if (openCode) drafts.set(openCode, { reply: replyText().value, note: noteText().value });
  const previous = openCode;
  openCode = code;
  current = undefined;
  threadKey = voiceKey = '';
  hideConfirm();
  byId('case-empty').hidden = code !== undefined;
  byId('case-body').hidden = code === undefined;
  renderList();
  if (code === undefined) {
    if (previous) document.querySelector<HTMLElement>(`[data-case="${CSS.escape(previous)}"]`)?.focus();
    return;
  }
  const draft = drafts.get(code);
  replyText().value = draft?.reply ?? '';
  noteText().value = draft?.note ?? '';
  byId('case-title').textContent = t('caseTitle', { code });
  byId('case-meta').textContent = t('loading');
  byId('thread').replaceChildren();
  byId('voicemails').hidden = true;
  for (const id of ['take', 'taken-by', 'closed-note', 'mine-actions']) byId(id).hidden = true;
  scrollToEnd = true;
  if (cameFromList) byId('case-title').focus();
  void refreshCase();
}

function renderCase(detail: CaseDetail): void {
  current = detail;
  const mine = detail.mine && detail.status === 'taken';
  byId('case-title').textContent = t('caseTitle', { code: detail.code });
  byId('case-meta').textContent = [
    t(detail.language === 'ky' ? 'langKy' : 'langRu'),
    channelText(detail),
    statusText(detail),
    t('opened', { at: belgradeTime(detail.openedAt) }),
    t('messages', { n: detail.messages }),
  ].join(' · ');
  renderThread(detail);
  renderVoicemails(detail);
  byId('take').hidden = detail.status !== 'open';
  const takenBy = byId('taken-by');
  takenBy.hidden = detail.status !== 'taken' || detail.mine;
  takenBy.textContent = t('takenByOther', { name: detail.takenBy?.name ?? '?' });
  byId('closed-note').hidden = detail.status !== 'closed';
  byId('mine-actions').hidden = !mine;
  if (!mine) hideConfirm();
  byId('reply-reason').hidden = detail.canText;
  updateButtons();
}

function renderThread(detail: CaseDetail): void {
  const key = uiLanguage() + JSON.stringify(detail.thread);
  if (key === threadKey) return;
  threadKey = key;
  const thread = byId('thread');
  const nearEnd = thread.scrollHeight - thread.scrollTop - thread.clientHeight < 60;
  thread.replaceChildren(...detail.thread.map(entry));
  if (scrollToEnd || nearEnd) thread.scrollTop = thread.scrollHeight;
  scrollToEnd = false;
}

function entry(item: ThreadEntry): HTMLLIElement {
  const at = el('time', { datetime: item.at }, belgradeTime(item.at));
  if (item.kind === 'event') {
    const key = `ev_${item.event}`;
    const label = isKey(key) && item.event !== 'other' ? t(key) : t('ev_other', { id: item.event });
    const who = item.volunteerName ? ` · ${item.volunteerName}` : '';
    return el(
      'li',
      { class: 'event', 'data-kind': 'event', 'data-event': item.event },
      `${label}${who} · `,
      at,
    );
  }
  const who =
    item.kind === 'caller'
      ? t('callerTag')
      : item.kind === 'note'
        ? `${t('noteTag')} · ${item.volunteerName}`
        : item.volunteerName;
  return el(
    'li',
    { class: `bubble ${item.kind}`, 'data-kind': item.kind },
    el('p', { class: 'who' }, `${who} · `, at),
    el('p', { class: 'text' }, item.text),
  );
}

function renderVoicemails(detail: CaseDetail): void {
  const key = uiLanguage() + detail.voicemails.map((v) => v.url).join('\n');
  if (key === voiceKey) return;
  voiceKey = key;
  const box = byId('voicemails');
  box.hidden = detail.voicemails.length === 0;
  box.replaceChildren(
    el('h3', {}, t('voicemails')),
    ...detail.voicemails.map((voicemail, i) =>
      el(
        'div',
        { class: 'voicemail' },
        el('p', { id: `voicemail-${i + 1}` }, t('voicemailN', { n: i + 1 })),
        el('audio', {
          controls: '',
          preload: 'none',
          src: voicemail.url,
          'aria-labelledby': `voicemail-${i + 1}`,
        }),
      ),
    ),
  );
}

function updateButtons(): void {
  const canText = current?.canText ?? false;
  replyText().disabled = !canText;
  byId<HTMLButtonElement>('send-reply').disabled = busy || !canText || replyText().value.trim() === '';
  byId<HTMLButtonElement>('save-note').disabled = busy || noteText().value.trim() === '';
  for (const id of ['take', 'close-case', 'confirm-close']) byId<HTMLButtonElement>(id).disabled = busy;
}

function hideConfirm(): void {
  byId('close-confirm').hidden = true;
  byId('close-case').hidden = false;
}

async function command(
  action: 'take' | 'reply' | 'note' | 'close',
  box?: HTMLTextAreaElement,
): Promise<void> {
  const code = openCode;
  const text = box?.value.trim();
  if (!code || busy || text === '') return;
  busy = true;
  updateButtons();
  try {
    const answer = await post<CommandAnswer>(
      `${casePath(code)}/${action}`,
      text === undefined ? {} : { text },
    );
    setStatus(answer.message);
    if (box && code === openCode) box.value = '';
    drafts.delete(code);
    scrollToEnd = true;
    if (code === openCode) renderCase(answer.case);
    void refreshList();
  } catch (error) {
    failed(error, true);
  } finally {
    busy = false;
    updateButtons();
  }
}

/** Labels changed: draw the list and the case again in the new language. */
export function relabelCases(): void {
  renderList();
  threadKey = voiceKey = '';
  if (current) renderCase(current);
}

/** Signed out: forget every case and draft. */
export function resetCases(): void {
  openCase(undefined);
  cases = undefined;
  drafts.clear();
  replyText().value = noteText().value = '';
  byId('case-list').replaceChildren();
}

export function initCases(): void {
  byId('case-list').addEventListener('click', (event) => {
    if (event.target instanceof Element && event.target.closest('[data-case]')) cameFromList = true;
  });
  byId('back').addEventListener('click', () => {
    if (cameFromList) {
      cameFromList = false;
      history.back();
    } else location.hash = '#cases';
  });
  byId('reply-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void command('reply', replyText());
  });
  byId('note-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void command('note', noteText());
  });
  replyText().addEventListener('input', updateButtons);
  noteText().addEventListener('input', updateButtons);
  byId('take').addEventListener('click', () => void command('take'));
  byId('close-case').addEventListener('click', () => {
    byId('close-case').hidden = true;
    byId('close-confirm').hidden = false;
    byId('confirm-close').focus();
  });
  byId('cancel-close').addEventListener('click', () => {
    hideConfirm();
    byId('close-case').focus();
  });
  byId('confirm-close').addEventListener('click', () => {
    hideConfirm();
    void command('close');
  });
  updateButtons();
}
