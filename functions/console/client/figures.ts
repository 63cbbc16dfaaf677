// The coordinators' case figures, at the top of the Volunteers tab: per week, the cases opened in each
// language as bars (taken ones darker), and the same figures in a table with the median time to take.
import type { Figures, WeekFigures } from '../../../shared/console/api.js';
import { byId, el, errorText, get } from './api.js';
import { t } from './i18n.js';

const SVG = 'http://www.w3.org/2000/svg';
let figures: Figures | undefined;

function svg(tag: string, attributes: Record<string, string | number>): SVGElement {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

/** `2026-11-23` → `23.11.` (the Monday that starts the week). */
const shortDate = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}.`;

function chart(weeks: readonly WeekFigures[]): SVGElement {
  const byWeek = [...new Set(weeks.map((w) => w.week))];
  const max = Math.max(1, ...weeks.map((w) => w.opened));
  const width = 320;
  const height = 140;
  const slot = width / byWeek.length;
  const bar = Math.max(4, slot / 2 - 4);
  const root = svg('svg', {
    viewBox: `0 0 ${width} ${height + 20}`,
    role: 'img',
    'aria-labelledby': 'figures-chart-title',
    class: 'figures-chart',
  });
  const title = svg('title', { id: 'figures-chart-title' });
  title.textContent = t('figChartLabel');
  root.append(title);
  byWeek.forEach((week, index) => {
    for (const [offset, language] of [
      [0, 'ky'],
      [1, 'ru'],
    ] as const) {
      const row = weeks.find((w) => w.week === week && w.language === language);
      if (!row) continue;
      const x = index * slot + 2 + offset * (bar + 2);
      const opened = (row.opened / max) * height;
      const taken = (row.taken / max) * height;
      root.append(
        svg('rect', { x, y: height - opened, width: bar, height: opened, class: `bar-${language}` }),
        svg('rect', { x, y: height - taken, width: bar, height: taken, class: `bar-${language} taken` }),
      );
    }
    const label = svg('text', { x: index * slot + slot / 2, y: height + 14, 'text-anchor': 'middle' });
    label.textContent = shortDate(weeks.find((w) => w.week === week)?.from ?? '');
    root.append(label);
  });
  return root;
}

function table(weeks: readonly WeekFigures[]): HTMLTableElement {
  const head = el(
    'tr',
    {},
    ...['figWeek', 'figLanguage', 'figOpened', 'figTaken', 'figClosed', 'figMedian'].map((key) =>
      el('th', { scope: 'col' }, t(key as Parameters<typeof t>[0])),
    ),
  );
  const rows = [...weeks]
    .reverse()
    .map((w) =>
      el(
        'tr',
        {},
        el('td', {}, `${shortDate(w.from)} (${w.week.slice(5)})`),
        el('td', {}, w.language === 'ky' ? 'KY' : 'RU'),
        el('td', {}, String(w.opened)),
        el('td', {}, String(w.taken)),
        el('td', {}, String(w.closed)),
        el('td', {}, w.medianMinutesToTake === null ? '—' : t('figMinutes', { n: w.medianMinutesToTake })),
      ),
    );
  return el('table', { class: 'figures-table' }, el('thead', {}, head), el('tbody', {}, ...rows));
}

function render(): void {
  const box = byId('figures');
  box.replaceChildren();
  if (!figures) return;
  box.append(
    el('p', { class: 'hint' }, t('figExplain')),
    chart(figures.weeks),
    el(
      'p',
      { class: 'legend' },
      el('span', { class: 'key-ky' }, 'KY'),
      ' ',
      el('span', { class: 'key-ru' }, 'RU'),
      ` ${t('figLegend')}`,
    ),
    // On a narrow phone the table scrolls sideways in its own region, reachable by keyboard.
    el(
      'div',
      { class: 'figures-scroll', tabindex: '0', role: 'region', 'aria-label': t('figuresTitle') },
      table(figures.weeks),
    ),
  );
}

export async function showFigures(): Promise<void> {
  try {
    figures = await get<Figures>('/console/api/figures');
    render();
  } catch (error) {
    byId('figures').replaceChildren(el('p', { class: 'notice' }, errorText(error)));
  }
}

export function relabelFigures(): void {
  render();
}
