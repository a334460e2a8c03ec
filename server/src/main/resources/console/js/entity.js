// Entity page: linked accounts graph, timeline with alerts and actions, signals vs baseline, samples, actions.
import { api } from './api.js';
import { h, table, fmt, reasonForm } from './dom.js';
import { drawGraph, drawTimeline, drawSignals } from './entity-charts.js';

export async function entity(view, id) {
  const [e, tl] = await Promise.all([api.get('entities/' + encodeURIComponent(id)),
    api.get('entities/' + encodeURIComponent(id) + '/timeline')]);
  const risk = e.risk ? fmt.num(e.risk.score) : 'not scored';
  view.append(h('h1', {}, 'Entity ', h('span', { id: 'entity-id' }, e.id), ' ',
    h('span', { class: 'pill', id: 'entity-risk' }, 'risk ' + risk)));
  const graphBox = h('div', { id: 'graph' });
  const timeBox = h('div', { class: 'chart', id: 'timeline-chart' });
  const sigBox = h('div', { class: 'chart', id: 'signals-chart' });
  view.append(h('div', { class: 'grid' },
    h('div', { class: 'card' }, h('h2', {}, `Linked accounts (${e.accounts.length})`), graphBox,
      h('ul', { id: 'link-reasons' }, e.links.slice(0, 20).map(l => h('li', {}, l.reason)))),
    h('div', { class: 'card' }, h('h2', {}, 'Requests and tokens, with alerts and actions'), timeBox),
    h('div', { class: 'card' }, h('h2', {}, 'Signals over time'), sigBox, signalTable(e)),
    h('div', { class: 'card', id: 'act' }, h('h2', {}, 'Act'), actForms(e),
      h('h2', {}, 'Decisions in force'), decisions(e)),
    h('div', { class: 'card' }, h('h2', {}, 'Accounts'), table(['account', 'status', 'tier', 'org'],
      e.accounts.map(a => [a.id, a.status, a.tier || '', a.org_id || '']))),
    h('div', { class: 'card' }, h('h2', {}, 'Sample prompts'), samples(e))));
  const disposers = [drawGraph(graphBox, e), drawTimeline(timeBox, tl), drawSignals(sigBox, e)];
  return () => disposers.forEach(d => d());
}

function signalTable(e) {
  if (!e.risk) return h('p', {}, 'Not scored yet.');
  return table(['signal', 'value', 'baseline', 'score', 'why'], e.risk.signals.filter(s => s.score > 0).map(s =>
    [s.signal, fmt.num(s.value), fmt.num(s.baseline), fmt.num(s.score), s.explanation]));
}

function samples(e) {
  const texts = e.alert ? e.alert.sample_prompts : [];
  if (!texts.length) return h('p', {}, 'No sample prompt text: retention keeps none for this entity.');
  return h('ol', { id: 'sample-prompts' }, texts.map(t => h('li', {}, h('pre', {}, t))));
}

function actForms(e) {
  const action = h('select', { name: 'action', id: 'action' },
    ['throttle', 'require_verification', 'block'].map(a => h('option', { value: a }, a.replace('_', ' '))));
  const act = reasonForm('act-form', 'Apply to entity', [action], async reason => {
    const d = await api.post('admin/actions', { scope: 'entity', id: e.id, action: action.value, reason, operator: 'console' });
    return `${d.action} in force (${d.id})`;
  });
  const lift = reasonForm('lift-form', 'Lift all actions', [], async reason => {
    const r = await api.post('admin/actions/lift', { scope: 'entity', id: e.id, reason, operator: 'console' });
    return `lifted ${r.lifted.length}`;
  });
  const account = h('select', { name: 'account' }, e.accounts.map(a => h('option', { value: a.id }, a.id)));
  const split = reasonForm('split-form', 'Split out of entity', [account], async reason => {
    const r = await api.post('admin/detection/accounts/' + encodeURIComponent(account.value) + '/split', { reason, operator: 'console' });
    return `${r.account} is now entity ${r.entity}`;
  });
  const a = h('input', { name: 'a', placeholder: 'account' }), b = h('input', { name: 'b', placeholder: 'other account' });
  const merge = reasonForm('merge-form', 'Merge accounts', [a, b], async reason => {
    const r = await api.post('admin/detection/accounts/' + encodeURIComponent(a.value) + '/merge', { with: b.value, reason, operator: 'console' });
    return `merged into entity ${r.entity}`;
  });
  return [act, lift, split, merge];
}

function decisions(e) {
  if (!e.decisions.length) return h('p', { id: 'decisions' }, 'None.');
  return h('div', { id: 'decisions' }, table(['scope', 'action', 'issuer', 'since', 'until', 'note'], e.decisions.map(d =>
    [d.scope, h('span', { class: 'pill ' + d.action }, d.action), d.issuer, fmt.iso(d.issued_at), fmt.iso(d.expires_at) || 'until lifted',
      d.evidence.note || ''])));
}
