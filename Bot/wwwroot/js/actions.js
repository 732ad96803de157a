// Card buttons: sends the click with the card's inputs as the person acting, locks the card's buttons meanwhile,
// reports the outcome in the toast and re-reads the state.

import { postAction, scheduleRefresh } from './api.js';
import { ui } from './state.js';
import { showToast } from './toast.js';

export async function runAction(message, action, cardEl) {
  if (ui.pending.has(message.id)) return;
  const inputs = {};
  for (const field of cardEl.querySelectorAll('[data-input]')) inputs[field.dataset.input] = field.value;
  const body = {
    personId: ui.personId,
    verb: action.verb,
    targetId: action.targetId,
    channel: message.channel,
    messageId: message.id,
    inputs,
  };
  setPending(message.id, cardEl, true);
  let result;
  try {
    result = await postAction(body, action.label);
  } finally {
    setPending(message.id, cardEl, false);
  }
  showToast(result.outcome, result.text, action.verb);
  if (result.outcome === 'ok') {
    // Drop what was typed on this card once a state read *after* the action arrives.
    ui.resetAfter.set(message.id, ui.fetchNumber + 1);
  }
  scheduleRefresh();
}

function setPending(messageId, cardEl, pending) {
  if (pending) ui.pending.add(messageId); else ui.pending.delete(messageId);
  const current = ui.cardViews.get(messageId)?.el || cardEl;
  for (const el of new Set([cardEl, current])) applyPending(el, pending);
}

/** Marks a card busy (aria-busy) and disables its buttons while one of its actions runs. */
export function applyPending(cardEl, pending) {
  cardEl.toggleAttribute('aria-busy', pending);
  for (const button of cardEl.querySelectorAll('button[data-verb]')) button.disabled = pending;
}
