// The notice at the top of the page that reports how a button click went (data-outcome, data-verb).

import { $ } from './dom.js';

const TOAST_MS = { ok: 6000, refused: 12000, error: 12000 };

let toastTimer = 0;

/** Shows `text` for an outcome ('ok', 'refused' or 'error') of the action `verb`; hides itself after a while. */
export function showToast(outcome, text, verb) {
  const toast = $('toast');
  toast.dataset.outcome = outcome;
  if (verb) toast.dataset.verb = verb; else delete toast.dataset.verb;
  $('toast-icon').textContent = outcome === 'ok' ? '✓' : outcome === 'refused' ? '⛔' : '!';
  $('toast-text').textContent = text;
  toast.hidden = false;
  toast.classList.remove('toast-enter');
  void toast.offsetWidth; // restart the entrance animation
  toast.classList.add('toast-enter');
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(hideToast, TOAST_MS[outcome] || TOAST_MS.error);
}

export function hideToast() {
  const toast = $('toast');
  toast.hidden = true;
  delete toast.dataset.outcome;
  delete toast.dataset.verb;
}
