// Policies: the rules in force with their shadow hits, and a backtest of the running policy over a time range.
import { api } from './api.js';
import { h, table, fmt } from './dom.js';

export async function policies(view) {
  const p = await api.get('admin/policy');
  view.append(h('h1', {}, 'Policies'), h('p', {}, `Policy ${p.version} (sha256 ${String(p.sha256).slice(0, 12)}…)`,
    p.last_reload_error ? h('span', { class: 'error' }, ' last reload refused: ' + JSON.stringify(p.last_reload_error)) : null));
  const hits = p.shadow_hits || {};
  view.append(h('div', { class: 'card' }, h('h2', {}, 'Rules'), h('div', { id: 'rules' },
    table(['rule', 'action', 'mode', 'scope', 'priority', 'shadow hits'], p.rules.map(r =>
      [r.name, h('span', { class: 'pill ' + r.action }, r.action), r.mode, r.scope, r.priority, fmt.num(hits[r.name] || 0)])))));
  const from = h('input', { type: 'datetime-local', name: 'from', id: 'backtest-from' });
  const to = h('input', { type: 'datetime-local', name: 'to', id: 'backtest-to' });
  const out = h('div', { id: 'backtest-result' });
  const form = h('form', { class: 'inline', id: 'backtest-form' }, 'From (UTC) ', from, ' to ', to, h('button', { type: 'submit' }, 'Run backtest'));
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    out.replaceChildren(h('p', {}, 'Replaying stored events…'));
    try {
      const r = await api.post('backtest', { from: iso(from.value), to: iso(to.value) });
      out.replaceChildren(report(r));
    } catch (e) { out.replaceChildren(h('p', { class: 'error' }, e.message)); }
  });
  view.append(h('div', { class: 'card' }, h('h2', {}, 'Backtest'), form, out));
}

function iso(local) {
  return local ? new Date(local + 'Z').toISOString() : null;
}

function report(r) {
  return h('div', {}, h('p', { id: 'backtest-totals' }, `${fmt.num(r.events)} events replayed; `
      + `${r.totals.entities_actioned} entities actioned, ${fmt.num(r.totals.requests_refused)} requests refused, `
      + `${fmt.num(r.totals.tokens_withheld)} tokens withheld.`),
    table(['entity', 'accounts', 'first decision', 'rule', 'action', 'mode', 'refused', 'withheld'], r.entities.slice(0, 100)
      .map(e => [e.entity, e.accounts.length, e.first_decision_at, e.rule, e.action, e.mode, fmt.num(e.requests_refused),
        fmt.num(e.tokens_withheld)])));
}
