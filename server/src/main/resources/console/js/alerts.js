// Alerts: filter, sort, and triage (acknowledge, escalate, dismiss as false positive) with a mandatory reason.
import { api } from './api.js';
import { h, fmt, entityLink, reasonForm } from './dom.js';

const COLUMNS = [['updated_at_ms', 'updated'], ['entity_id', 'entity'], ['score', 'risk'], ['account_count', 'accounts'],
  ['requests', 'requests'], ['signals', 'signals'], ['triage', 'triage']];

export async function alerts(view) {
  let sort = { key: 'updated_at_ms', desc: true };
  const filter = h('input', { id: 'alert-filter', placeholder: 'filter: entity, signal or triage state' });
  const state = h('select', { id: 'alert-state' }, ['all', 'new', 'acknowledged', 'escalated', 'dismissed']
    .map(s => h('option', { value: s }, s)));
  const body = h('tbody');
  view.append(h('h1', {}, 'Alerts'), h('div', { class: 'card' }, h('div', { class: 'inline' }, filter, ' ', state),
    h('table', { id: 'alerts-table' }, h('thead', {}, h('tr', {}, COLUMNS.map(([key, label]) =>
      h('th', { onclick: () => { sort = { key, desc: sort.key === key ? !sort.desc : true }; render(); } }, label)))), body)));
  let data = (await api.get('alerts')).data;

  function render() {
    const q = filter.value.toLowerCase();
    const rows = data.filter(a => (state.value === 'all' || a.triage.state === state.value)
        && (!q || [a.entity_id, a.triage.state, ...a.signals].some(v => v.toLowerCase().includes(q))))
      .sort((x, y) => compare(value(x, sort.key), value(y, sort.key)) * (sort.desc ? -1 : 1));
    body.replaceChildren(...rows.map(a => h('tr', { 'data-alert': a.id },
      h('td', {}, fmt.time(a.updated_at_ms)), h('td', {}, entityLink(a.entity_id)), h('td', {}, fmt.num(a.score)),
      h('td', {}, a.account_count), h('td', {}, fmt.num(a.requests)), h('td', {}, a.signals.slice(0, 4).join(', ')),
      h('td', {}, h('span', { class: 'pill ' + a.triage.state }, a.triage.state),
        a.triage.reason ? h('div', {}, a.triage.reason) : null, triageForm(a)))));
  }

  function triageForm(a) {
    const s = h('select', { name: 'state' }, [['acknowledged', 'acknowledge'], ['escalated', 'escalate'],
      ['dismissed', 'dismiss (false positive)']].map(([v, l]) => h('option', { value: v }, l)));
    return reasonForm('triage-' + a.id, 'Triage', [s], async reason => {
      const updated = await api.post('alerts/' + encodeURIComponent(a.id) + '/triage', { state: s.value, reason });
      data = data.map(x => x.id === updated.id ? updated : x);
      setTimeout(render, 0);
      return updated.triage.state;
    });
  }

  filter.addEventListener('input', render);
  state.addEventListener('change', render);
  render();
}

function value(a, key) {
  return key === 'triage' ? a.triage.state : key === 'signals' ? a.signals.join(',') : a[key];
}

function compare(x, y) {
  return typeof x === 'number' ? x - y : String(x).localeCompare(String(y));
}
