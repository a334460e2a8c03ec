// Tiny DOM helpers: every text goes through textContent, never innerHTML (entity ids and prompts are untrusted).
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function table(columns, rows) {
  return h('table', {}, h('thead', {}, h('tr', {}, columns.map(c => h('th', {}, c)))),
    h('tbody', {}, rows.map(r => h('tr', {}, r.map(cell => h('td', {}, cell))))));
}

export const fmt = {
  time: ms => ms ? new Date(ms).toISOString().replace('T', ' ').slice(0, 19) : '',
  iso: text => text ? text.replace('T', ' ').slice(0, 19) : '',
  num: n => n === null || n === undefined ? '' : Number(n).toLocaleString('en-US', { maximumFractionDigits: 3 }),
};

export function entityLink(id) {
  return h('a', { href: '#/entity/' + encodeURIComponent(id) }, id);
}

/** A form with a mandatory reason: submit stays refused until the reason is filled in. */
export function reasonForm(id, label, controls, onSubmit) {
  const reason = h('input', { name: 'reason', placeholder: 'reason (goes to the audit log)', size: 36 });
  const status = h('span', { class: 'status' });
  const form = h('form', { class: 'inline', id }, controls, reason, h('button', { type: 'submit' }, label), status);
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    if (!reason.value.trim()) { status.textContent = 'a reason is required'; status.className = 'status error'; return; }
    try {
      status.textContent = await onSubmit(reason.value.trim(), form) || 'done';
      status.className = 'status ok';
      reason.value = '';
    } catch (e) { status.textContent = e.message; status.className = 'status error'; }
  });
  return form;
}
