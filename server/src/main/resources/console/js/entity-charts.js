// The entity page's charts: Cytoscape graph of linked accounts, ECharts timeline and signal history.
import { fmt } from './dom.js';

export function drawGraph(box, e) {
  const cy = cytoscape({
    container: box,
    elements: [
      ...e.accounts.map(a => ({ data: { id: a.id, label: a.id, status: a.status } })),
      ...e.links.map((l, i) => ({ data: { id: 'l' + i, source: l.source, target: l.target,
        label: l.evidence[0].replace(/ \(\d+ accounts\)$/, '') + ' · ' + l.score.toFixed(2), reason: l.reason } }))],
    style: [
      { selector: 'node', style: { label: 'data(label)', 'font-size': 11, 'background-color': '#4a6fd8', width: 18, height: 18 } },
      { selector: 'node[status != "active"]', style: { 'background-color': '#c0392b' } },
      { selector: 'edge', style: { label: 'data(label)', 'font-size': 8, width: 1.5, 'line-color': '#9aa5b8',
        'text-rotation': 'autorotate', color: '#555', 'curve-style': 'bezier' } }],
    layout: { name: e.accounts.length > 40 ? 'concentric' : 'circle', animate: false, padding: 40 },
  });
  return () => cy.destroy();
}

export function drawTimeline(box, tl) {
  const chart = echarts.init(box);
  const x = tl.buckets.map(b => b.t);
  const alertMarks = tl.alerts.map(a => ({ xAxis: bucketOf(tl, a.at_ms), label: { formatter: 'alert r' + a.revision } }));
  const actionMarks = tl.actions.map(d => ({ xAxis: bucketOf(tl, Date.parse(d.issued_at)), label: { formatter: d.action },
    lineStyle: { color: '#c0392b' } }));
  chart.setOption({
    animation: false, tooltip: { trigger: 'axis' }, legend: { data: ['requests', 'output tokens', 'refused'] },
    grid: { left: 50, right: 60, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: x.map(t => fmt.time(t)) },
    yAxis: [{ type: 'value', name: 'requests' }, { type: 'value', name: 'tokens' }],
    series: [
      { name: 'requests', type: 'bar', data: tl.buckets.map(b => b.requests),
        markLine: { symbol: 'none', data: [...alertMarks, ...actionMarks] } },
      { name: 'refused', type: 'bar', data: tl.buckets.map(b => b.refused), itemStyle: { color: '#c0392b' } },
      { name: 'output tokens', type: 'line', yAxisIndex: 1, data: tl.buckets.map(b => b.output_tokens) }],
  });
  return () => chart.dispose();
}

function bucketOf(tl, ms) {
  const t = Math.floor(ms / tl.bucket_ms) * tl.bucket_ms;
  const i = tl.buckets.findIndex(b => b.t >= t);
  return fmt.time(tl.buckets[i < 0 ? tl.buckets.length - 1 : i]?.t);
}

export function drawSignals(box, e) {
  const chart = echarts.init(box);
  const history = e.risk_history.length ? e.risk_history : e.risk ? [e.risk] : [];
  const names = [...new Set(history.flatMap(r => r.signals.filter(s => s.score > 0).map(s => s.signal)))];
  chart.setOption({
    animation: false, tooltip: { trigger: 'axis' }, legend: { type: 'scroll', data: ['risk', ...names] },
    grid: { left: 40, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: history.map(r => fmt.time(r.at_ms)) },
    yAxis: { type: 'value', min: 0, max: 1, name: 'score' },
    series: [{ name: 'risk', type: 'line', data: history.map(r => r.score), lineStyle: { width: 3 } },
      ...names.map(n => ({ name: n, type: 'line', data: history.map(r => (r.signals.find(s => s.signal === n) || {}).score ?? 0) }))],
  });
  return () => chart.dispose();
}
