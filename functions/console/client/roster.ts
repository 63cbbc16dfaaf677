// The coordinators' view of the roster: one card per volunteer, pause/activate, remove, add and edit.
import type {
  Language,
  RosterChange,
  RosterEntry,
  RosterView,
  ShiftView,
} from '../../../shared/console/api.js';
import { ApiFailure, byId, el, errorText, get, post, setStatus } from './api.js';
import { type Key, t } from './i18n.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
type Day = (typeof DAYS)[number];
const LANGUAGES: readonly Language[] = ['ky', 'ru'];

let roster: RosterView | undefined;
let editing: RosterEntry | undefined;
let shiftSeq = 0;

const input = (id: string) => byId<HTMLInputElement>(id);
const dayKey = (day: Day): Key => `day_${day}`;

export async function showRoster(): Promise<void> {
  try {
    roster = await get<RosterView>('/console/api/roster');
    renderRoster();
  } catch (error) {
    if (!(error instanceof ApiFailure && error.status === 401)) setStatus(errorText(error));
  }
}

async function send(path: string, body: unknown, done: Key): Promise<boolean> {
  try {
    roster = await post<RosterView>(path, body);
    renderRoster();
    setStatus(t(done));
    return true;
  } catch (error) {
    if (!(error instanceof ApiFailure && error.status === 401)) setStatus(errorText(error));
    return false;
  }
}

const volunteerPath = (id: string) => `/console/api/roster/${encodeURIComponent(id)}`;

/** "Mon–Fri", "Mon, Wed, Sat": runs of three or more days joined with a dash. */
export function daysText(days: readonly string[]): string {
  const sorted = DAYS.filter((day) => days.includes(day));
  const runs: Day[][] = [];
  for (const day of sorted) {
    const last = runs[runs.length - 1];
    const previous = last?.[last.length - 1];
    if (last && previous && DAYS.indexOf(previous) + 1 === DAYS.indexOf(day)) last.push(day);
    else runs.push([day]);
  }
  return runs
    .map((run) =>
      run.length >= 3
        ? `${t(dayKey(run[0]!))}–${t(dayKey(run[run.length - 1]!))}`
        : run.map((d) => t(dayKey(d))).join(', '),
    )
    .join(', ');
}

function shiftsText(shifts: readonly ShiftView[]): string {
  if (shifts.length === 0) return t('noShifts');
  return shifts.map((s) => `${daysText(s.days)} ${s.from}–${s.to}`).join('; ');
}

function button(label: Key, action: string, onClick: () => void, className = ''): HTMLButtonElement {
  const node = el('button', { type: 'button', 'data-action': action, class: className }, t(label));
  node.addEventListener('click', onClick);
  return node;
}

function detail(label: Key, value: string): Node[] {
  return [el('dt', {}, t(label)), el('dd', {}, value)];
}

function card(v: RosterEntry): HTMLLIElement {
  const badge = (label: Key, tone: string) => el('span', { class: `badge ${tone}` }, t(label));
  const confirm = el(
    'div',
    { class: 'confirm', hidden: '' },
    el('p', {}, t('confirmRemove', { name: v.name })),
  );
  const buttons = el(
    'div',
    { class: 'card-buttons' },
    button(v.active ? 'pause' : 'activate', v.active ? 'pause' : 'activate', () => {
      void send(volunteerPath(v.volunteerId), { active: !v.active } satisfies RosterChange, 'saved');
    }),
    button('edit', 'edit', () => startEdit(v)),
    button('remove', 'remove', () => {
      confirm.hidden = false;
      buttons.hidden = true;
      confirm.querySelector<HTMLButtonElement>('[data-action="confirm-remove"]')?.focus();
    }),
  );
  confirm.append(
    button(
      'yesRemove',
      'confirm-remove',
      () => void send(`${volunteerPath(v.volunteerId)}/remove`, {}, 'removed'),
      'danger',
    ),
    button('cancel', 'cancel-remove', () => {
      confirm.hidden = true;
      buttons.hidden = false;
    }),
  );
  return el(
    'li',
    { class: `card${v.active ? '' : ' inactive'}`, 'data-volunteer': v.volunteerId },
    el('h3', {}, v.name),
    el(
      'p',
      { class: 'badges' },
      badge(v.active ? 'active' : 'paused', v.active ? 'others' : 'waiting'),
      ...(v.coordinator ? [badge('coordinator', 'info')] : []),
      badge(v.onShift ? 'onShift' : 'offShift', v.onShift ? 'mine' : 'others'),
    ),
    el(
      'dl',
      {},
      ...detail('volId', v.volunteerId),
      ...detail('volPhone', v.phone),
      ...detail('volLanguages', v.languages.map((l) => t(l === 'ky' ? 'langKy' : 'langRu')).join(', ')),
      ...detail('shifts', shiftsText(v.shifts)),
    ),
    buttons,
    confirm,
  );
}

function renderRoster(): void {
  if (roster) byId('roster').replaceChildren(...roster.volunteers.map(card));
}

function timeInput(id: string, edge: 'from' | 'to', value: string): HTMLInputElement {
  const node = el('input', { type: 'time', id, 'data-edge': edge, required: '' });
  node.value = value === '24:00' ? '00:00' : value;
  return node;
}

function shiftRow(shift?: ShiftView): HTMLFieldSetElement {
  const n = ++shiftSeq;
  const days = DAYS.map((day) => {
    const box = el('input', { type: 'checkbox', id: `shift-${n}-${day}`, value: day });
    box.checked = shift?.days.includes(day) ?? false;
    return el(
      'span',
      { class: 'day' },
      box,
      el('label', { for: box.id, 'data-t': dayKey(day) }, t(dayKey(day))),
    );
  });
  const from = timeInput(`shift-${n}-from`, 'from', shift?.from ?? '09:00');
  const to = timeInput(`shift-${n}-to`, 'to', shift?.to ?? '17:00');
  const remove = el('button', {
    type: 'button',
    class: 'link',
    'data-action': 'remove-shift',
    'data-t': 'removeShift',
  });
  remove.textContent = t('removeShift');
  const fieldset = el(
    'fieldset',
    { class: 'shift', 'data-shift': String(n) },
    el('legend', {}),
    el('div', { class: 'days' }, ...days),
    el(
      'div',
      { class: 'times' },
      el('label', { for: from.id, 'data-t': 'from' }, t('from')),
      from,
      el('label', { for: to.id, 'data-t': 'to' }, t('to')),
      to,
    ),
    remove,
  );
  remove.addEventListener('click', () => {
    fieldset.remove();
    relabelForm();
  });
  return fieldset;
}

function setShifts(shifts: readonly (ShiftView | undefined)[]): void {
  byId('vol-shifts').replaceChildren(...shifts.map(shiftRow));
  relabelForm();
}

function readShifts(): ShiftView[] {
  return Array.from(byId('vol-shifts').querySelectorAll<HTMLFieldSetElement>('fieldset.shift')).map(
    (fieldset) => {
      const value = (edge: string) =>
        fieldset.querySelector<HTMLInputElement>(`[data-edge="${edge}"]`)?.value ?? '';
      const to = value('to');
      return {
        days: DAYS.filter(
          (day) => fieldset.querySelector<HTMLInputElement>(`input[value="${day}"]`)?.checked,
        ),
        from: value('from'),
        // A time input cannot hold 24:00; midnight as the end of a shift means the end of the day.
        to: to === '00:00' ? '24:00' : to,
      };
    },
  );
}

function resetForm(): void {
  editing = undefined;
  byId<HTMLFormElement>('add-volunteer').reset();
  input('vol-id').readOnly = false;
  byId('cancel-edit').hidden = true;
  setShifts([undefined]);
}

function startEdit(v: RosterEntry): void {
  editing = v;
  input('vol-id').value = v.volunteerId;
  input('vol-id').readOnly = true;
  input('vol-name').value = v.name;
  input('vol-phone').value = v.phone;
  for (const language of LANGUAGES) input(`vol-lang-${language}`).checked = v.languages.includes(language);
  byId<HTMLSelectElement>('vol-reads').value = v.languages[0] ?? 'ru';
  input('vol-coordinator').checked = v.coordinator;
  byId('cancel-edit').hidden = false;
  setShifts(v.shifts.length > 0 ? v.shifts : [undefined]);
  byId('add-volunteer').scrollIntoView({ block: 'start' });
  input('vol-name').focus();
}

/**
 * The ticked languages, the one the hotline texts the volunteer in first (the roster's order is what
 * decides it): a Russian reader who also takes Kyrgyz cases is `['ru', 'ky']`.
 */
function languagesChosen(): Language[] {
  const ticked = LANGUAGES.filter((language) => input(`vol-lang-${language}`).checked);
  const reads = byId<HTMLSelectElement>('vol-reads').value;
  return [...ticked].sort((a, b) => Number(b === reads) - Number(a === reads));
}

async function submit(): Promise<void> {
  const form = byId<HTMLFormElement>('add-volunteer');
  if (!form.reportValidity()) return;
  const name = input('vol-name').value.trim();
  const phone = input('vol-phone').value.replace(/[\s()-]/g, '');
  const coordinator = input('vol-coordinator').checked;
  const change: RosterChange = {
    languages: languagesChosen(),
    shifts: readShifts(),
  };
  if (!editing || name !== editing.name) change.name = name;
  if (!editing || phone !== editing.phone) change.phone = phone;
  if (!editing || coordinator !== editing.coordinator) change.coordinator = coordinator;
  const ok = editing
    ? await send(volunteerPath(editing.volunteerId), change, 'saved')
    : await send(
        '/console/api/roster',
        { ...change, volunteerId: input('vol-id').value.trim(), active: true } satisfies RosterChange,
        'saved',
      );
  if (ok) resetForm();
}

/** Labels changed: the cards and the form's texts that `data-t` cannot fill. */
export function relabelRoster(): void {
  relabelForm();
  renderRoster();
}

function relabelForm(): void {
  byId('form-title').textContent = editing ? t('editTitle', { name: editing.name }) : t('addTitle');
  byId('vol-shifts')
    .querySelectorAll('legend')
    .forEach((legend, i) => {
      legend.textContent = t('shiftN', { n: i + 1 });
    });
}

export function initRoster(): void {
  byId('add-volunteer').addEventListener('submit', (event) => {
    event.preventDefault();
    void submit();
  });
  byId('add-shift').addEventListener('click', () => {
    byId('vol-shifts').append(shiftRow());
    relabelForm();
  });
  byId('cancel-edit').addEventListener('click', resetForm);
  resetForm();
}
