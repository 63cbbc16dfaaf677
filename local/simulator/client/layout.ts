// The page's layout on a phone: below 48rem one part shows at a time (the migrant's phone, the volunteers,
// time, How it works), switched by a tab bar that stays at the top, so following a relay is one tap, not a
// long scroll. A part that changes while another shows (a text, a case, a ringing phone) gets a dot on its
// tab. On a wider screen the tab bar is hidden and every part shows side by side (local/public/style.css).
import { $ } from './dom.js';

/** The same breakpoint as the style sheet's tab bar. */
const NARROW = '(max-width: 47.99rem)';

const tabs = (): HTMLButtonElement[] =>
  Array.from($('tabs').querySelectorAll<HTMLButtonElement>('button[role="tab"]'));

const panelOf = (tab: HTMLButtonElement): HTMLElement => $(tab.getAttribute('aria-controls') ?? '');

const tabOf = (panel: HTMLElement): HTMLButtonElement | undefined =>
  tabs().find((tab) => tab.getAttribute('aria-controls') === panel.id);

export const isNarrow = (): boolean => window.matchMedia(NARROW).matches;

function markNew(tab: HTMLButtonElement, on: boolean): void {
  const dot = tab.querySelector<HTMLElement>('.tab-new');
  if (dot) dot.hidden = !on;
}

/** Shows this part of the page (its tab selected); `focus` moves the keyboard to the tab. */
export function showPanel(id: string, focus = false): void {
  for (const tab of tabs()) {
    const panel = panelOf(tab);
    const current = panel.id === id;
    tab.setAttribute('aria-selected', String(current));
    tab.tabIndex = current ? 0 : -1;
    panel.classList.toggle('tab-current', current);
    if (current) {
      markNew(tab, false);
      if (focus) tab.focus();
    }
  }
  const how = $<HTMLDetailsElement>('how');
  if (id === 'how' && isNarrow()) how.open = true;
}

/** Shows the part of the page this element is in (the tour's steps bring theirs into view). */
export function showPanelOf(element: HTMLElement): void {
  const panel = element.closest<HTMLElement>('.tab-panel');
  if (panel && !panel.classList.contains('tab-current')) showPanel(panel.id);
}

/** Something new in a part that is not on screen: a dot on its tab (on a phone only). */
function watch(panel: HTMLElement, within: HTMLElement[]): void {
  const observer = new MutationObserver((changes) => {
    if (!isNarrow() || panel.classList.contains('tab-current')) return;
    const arrived = (node: Node) =>
      ['LI', 'TR'].includes(node.nodeName) ||
      (node instanceof Element && node.classList.contains('incoming'));
    if (!changes.some((change) => Array.from(change.addedNodes).some(arrived))) return;
    const tab = tabOf(panel);
    if (tab) markNew(tab, true);
  });
  for (const element of within) observer.observe(element, { childList: true, subtree: true });
}

/**
 * The parts that scroll inside themselves (a thread, the log, a table, the stored state) take the keyboard's
 * focus, so they can be scrolled without a mouse (axe's scrollable-region-focusable).
 */
export function focusableScrolling(root: ParentNode = document): void {
  for (const element of Array.from(root.querySelectorAll<HTMLElement>('[data-scrolls]')))
    element.tabIndex = 0;
}

export function setUpTabs(): void {
  focusableScrolling();
  const all = tabs();
  for (const [index, tab] of all.entries()) {
    tab.addEventListener('click', () => showPanel(panelOf(tab).id));
    // The tabs pattern: arrows, Home and End move between tabs.
    tab.addEventListener('keydown', (event) => {
      const next =
        event.key === 'ArrowRight'
          ? all[(index + 1) % all.length]
          : event.key === 'ArrowLeft'
            ? all[(index - 1 + all.length) % all.length]
            : event.key === 'Home'
              ? all[0]
              : event.key === 'End'
                ? all.at(-1)
                : undefined;
      if (!next) return;
      event.preventDefault();
      showPanel(panelOf(next).id, true);
    });
  }
  watch($('phone-panel'), [$('thread'), $('transcript')]);
  watch($('volunteers-panel'), [$('volunteers'), $('cases-body'), $('others')]);
}
