// Cards: builds the DOM for a message's card model (severity, status, facts, texts, links, images, inputs, buttons),
// reuses it while the card is unchanged, and keeps what the person typed, and the caret, across re-renders.

import { applyPending, runAction } from './actions.js';
import { h, safeImageUrl, safeUrl } from './dom.js';
import { ui } from './state.js';

/** The card element for a message: the cached one while its card model is unchanged, else a new one. */
export function cardView(message) {
  const signature = JSON.stringify(message.card);
  const cached = ui.cardViews.get(message.id);
  if (cached && cached.signature === signature) return cached.el;
  const el = buildCard(message);
  applyPending(el, ui.pending.has(message.id));
  ui.cardViews.set(message.id, { signature, el });
  return el;
}

function buildCard(message) {
  const card = message.card || {};
  const severity = /^P[1-4]$/.test(card.severity || '') ? card.severity : null;
  const root = h('section', {
    class: 'card' + (severity ? ` sev-${severity}` : ''),
    attrs: { 'data-card-title': card.title || '', 'data-severity': severity },
  });

  const head = h('div', { class: 'card-head' }, [
    severity ? h('span', { class: `sev-badge sev-${severity}`, text: severity }) : null,
    h('h3', { class: 'card-title', text: card.title || '' }),
  ]);
  root.append(head);
  if (card.status) root.append(h('p', { class: 'card-status', attrs: { 'data-card-status': '' }, text: card.status }));

  if (card.facts?.length) {
    root.append(h('dl', { class: 'card-facts' }, card.facts.flatMap((fact) => [
      h('dt', { text: fact.label }),
      h('dd', { text: fact.value }),
    ])));
  }

  for (const block of card.texts || []) {
    root.append(block.quote
      ? h('blockquote', { class: 'card-quote', text: block.text })
      : h('p', { class: 'card-text', text: block.text }));
  }

  if (card.links?.length) {
    root.append(h('p', { class: 'card-links' }, card.links.map((link) => {
      const href = safeUrl(link.url);
      return href
        ? h('a', { href, target: '_blank', rel: 'noopener noreferrer', text: `${link.label} ↗`, title: href })
        : h('span', { text: link.label });
    })));
  }

  for (const image of card.images || []) {
    const src = safeImageUrl(image.url);
    if (src) {
      root.append(h('figure', { class: 'card-image' }, [
        h('img', { attrs: { src, alt: image.altText || '', loading: 'lazy', 'data-card-image': '' } }),
      ]));
    }
  }

  if (card.inputs?.length) root.append(buildInputs(message, card.inputs));

  if (card.actions?.length) {
    const bar = h('div', { class: 'card-actions' });
    for (const action of card.actions) {
      const style = ['primary', 'danger'].includes(action.style) ? action.style : 'default';
      bar.append(h('button', {
        type: 'button',
        class: `btn btn-${style}`,
        text: action.label,
        attrs: { 'data-verb': action.verb, 'data-target-id': action.targetId },
        on: { click: () => runAction(message, action, root) },
      }));
    }
    root.append(bar);
  }
  return root;
}

/** The card's fields, showing what the person typed as long as the server value it started from is unchanged. */
function buildInputs(message, inputs) {
  const form = h('div', { class: 'card-inputs' });
  for (const input of inputs) {
    const key = `${message.id}|${input.id}`;
    const serverValue = input.value ?? '';
    const edit = ui.edits.get(key);
    let value = serverValue;
    if (edit && edit.base === serverValue) value = edit.value;
    else ui.edits.delete(key);
    const fieldId = `in-${message.id}-${input.id}`.replace(/[^A-Za-z0-9_-]/g, '_');
    const field = h(input.multiline ? 'textarea' : 'input', {
      id: fieldId,
      class: input.multiline ? 'field field-multiline' : 'field',
      attrs: { 'data-input': input.id, type: input.multiline ? null : 'text', rows: input.multiline ? 4 : null, spellcheck: 'true' },
      on: {
        input: (event) => ui.edits.set(key, { value: event.target.value, base: serverValue }),
      },
    });
    field.value = value;
    form.append(h('div', { class: input.multiline ? 'input-row wide' : 'input-row' }, [
      h('label', { htmlFor: fieldId, text: input.label }),
      field,
    ]));
  }
  return form;
}

/** After a successful action, forgets what was typed on its card once state read number `number` shows the result. */
export function dropSettledEdits(number) {
  for (const [messageId, after] of ui.resetAfter) {
    if (number >= after) {
      ui.resetAfter.delete(messageId);
      for (const key of [...ui.edits.keys()]) {
        if (key.startsWith(messageId + '|')) ui.edits.delete(key);
      }
      ui.cardViews.delete(messageId);
    }
  }
}

/** Where the caret is when it is in a card field, so restoreFocus can put it back if that card is rebuilt. */
export function captureFocus() {
  const active = document.activeElement;
  if (!active || !active.dataset || !active.dataset.input) return null;
  const message = active.closest('[data-message-id]');
  if (!message) return null;
  return {
    messageId: message.dataset.messageId,
    input: active.dataset.input,
    start: active.selectionStart,
    end: active.selectionEnd,
    element: active,
  };
}

export function restoreFocus(focus) {
  if (!focus || document.activeElement === focus.element) return;
  const card = ui.cardViews.get(focus.messageId)?.el;
  const field = card?.querySelector(`[data-input="${CSS.escape(focus.input)}"]`);
  if (!field || !field.isConnected) return;
  field.focus({ preventScroll: true });
  try { field.setSelectionRange(focus.start, focus.end); } catch { /* not a text field */ }
}
