// DOM helpers. Server data only ever reaches the page as text (textContent, attributes), never as HTML.

export const $ = (id) => document.getElementById(id);

/** Creates an element. props: class, text, attrs (object), on (object of listeners), plus DOM properties. */
export function h(tag, props, children) {
  const node = document.createElement(tag);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') node.className = value;
      else if (key === 'text') node.textContent = value;
      else if (key === 'attrs') {
        for (const [name, attr] of Object.entries(value)) {
          if (attr !== undefined && attr !== null && attr !== false) node.setAttribute(name, String(attr));
        }
      } else if (key === 'on') {
        for (const [type, listener] of Object.entries(value)) node.addEventListener(type, listener);
      } else node[key] = value;
    }
  }
  for (const child of children || []) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
  }
  return node;
}

/** Makes container's children exactly `nodes`, moving only what is out of place (keeps focus and caret). */
export function syncChildren(container, nodes) {
  for (let i = 0; i < nodes.length; i++) {
    const current = container.children[i];
    if (current !== nodes[i]) container.insertBefore(nodes[i], current || null);
  }
  while (container.children.length > nodes.length) container.lastElementChild.remove();
}

/** The absolute http(s) address for a link, or null for anything else (javascript:, data:, unparsable). */
export function safeUrl(url) {
  try {
    const parsed = new URL(String(url), window.location.href);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** A picture's address when it is safe to show: served by this host, or an inline PNG/JPEG; else null. */
export function safeImageUrl(url) {
  const text = String(url);
  if (/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/.test(text)) return text;
  try {
    const parsed = new URL(text, window.location.href);
    return parsed.origin === window.location.origin ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Avatar letters: the first letters of the first two words of a name, else its first two letters. */
export function initials(name) {
  const parts = String(name || '?').replace(/^@/, '').split(/[\s._-]+/).filter(Boolean);
  const letters = parts.length > 1 ? parts[0][0] + parts[1][0] : (parts[0] || '?').slice(0, 2);
  return letters.toUpperCase();
}

/** A stable avatar colour (0-359) for a name or id. */
export function hue(text) {
  let hash = 0;
  for (const ch of String(text)) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return hash % 360;
}
