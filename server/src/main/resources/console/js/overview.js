// Overview: live requests and tokens per second, top entities by risk, the alert stream, actions in force, health.
import { api } from './api.js';
import { h, table, fmt, entityLink } from './dom.js';

export async function overview(view) {
  const chartBox = h('div', { class: 'chart', id: 'rates-chart' });
  const top = h('div', { id: 'top-entities' });
  const stream = h('div', { id: 'alert-stream' });
  const actions = h('div', { id: 'actions-in-force' });
  const health = h('div', { id: 'health' });
  view.append(h('h1', {}, 'Overview'), h('div', { class: 'grid' },
    h('div', { class: 'card' }, h('h2', {}, 'Live traffic (per second, last minute)'), chartBox),
    h('div', { class: 'card' }, h('h2', {}, 'Top entities by risk'), top),
    h('div', { class: 'card' }, h('h2', {}, 'Alert stream'), stream),
    h('div', { class: 'card' }, h('h2', {}, 'Actions in force'), actions),
    h('div', { class: 'card' }, h('h2', {}, 'Detector health'), health)));
  const chart = echarts.init(chartBox);
  const seen = new Set();

  async function refresh() {
    const [o, a] = await Promise.all([api.get('overview'), api.get('alerts')]);
    chart.setOption({
      animation: false, tooltip: { trigger: 'axis' }, legend: { data: ['requests/s', 'tokens/s'] },
      grid: { left: 50, right: 50, top: 30, bottom: 30 },
      xAxis: { type: 'category', data: o.rates.map(r => fmt.time(r.epoch_second * 1000).slice(11)) },
      yAxis: [{ type: 'value', name: 'req/s' }, { type: 'value', name: 'tok/s' }],
      series: [
        { name: 'requests/s', type: 'line', data: o.rates.map(r => r.requests) },
        { name: 'tokens/s', type: 'line', yAxisIndex: 1, data: o.rates.map(r => r.input_tokens + r.output_tokens) }],
    });
    top.replaceChildren(table(['entity', 'risk', 'top signals', 'scored at'], o.top_entities.map(e =>
      [entityLink(e.entity_id), fmt.num(e.score), e.top_signals.join(', '), fmt.time(e.at_ms)])));
    const rows = a.data.slice(0, 15).map(x => {
      const row = h('tr', { class: seen.has(x.id + '#' + x.revision) ? '' : 'fresh' },
        h('td', {}, fmt.time(x.updated_at_ms)), h('td', {}, entityLink(x.entity_id)),
        h('td', {}, fmt.num(x.score)), h('td', {}, x.signals.slice(0, 3).join(', ')),
        h('td', {}, h('span', { class: 'pill ' + x.triage.state }, x.triage.state)));
      seen.add(x.id + '#' + x.revision);
      return row;
    });
    stream.replaceChildren(rows.length ? h('table', {}, h('tbody', {}, rows)) : h('p', {}, 'No alerts yet.'));
    actions.replaceChildren(o.actions.length ? table(['scope', 'action', 'issuer', 'since', 'until'], o.actions.map(d =>
      [scopeLink(d.scope), h('span', { class: 'pill ' + d.action }, d.action), d.issuer, fmt.iso(d.issued_at), fmt.iso(d.expires_at) || 'until lifted'])
    ) : h('p', {}, 'No decision in force.'));
    health.replaceChildren(h('table', { class: 'health' }, h('tbody', {},
      Object.entries(o.health).map(([k, v]) => h('tr', {}, h('td', {}, k.replaceAll('_', ' ')), h('td', {}, fmt.num(v)))))));
  }

  await refresh();
  const timer = setInterval(() => refresh().catch(() => {}), 2000);
  return () => { clearInterval(timer); chart.dispose(); };
}

function scopeLink(scope) {
  return scope.startsWith('entity:') ? entityLink(scope.slice(7)) : scope;
}
