// Keys and accounts: search accounts, change tiers, create and revoke keys (secrets are shown once).
import { api } from './api.js';
import { h, table } from './dom.js';

export async function keys(view) {
  const [accounts, tiers] = await Promise.all([api.get('admin/accounts'), api.get('admin/tiers')]);
  const search = h('input', { id: 'account-search', placeholder: 'search accounts (id, org, domain, tier)' });
  const list = h('div', { id: 'accounts' });
  const detail = h('div', { id: 'account-detail' });
  view.append(h('h1', {}, 'Keys and accounts'), h('div', { class: 'grid' },
    h('div', { class: 'card' }, search, list), h('div', { class: 'card' }, detail)));

  function render() {
    const q = search.value.toLowerCase();
    const rows = accounts.data.filter(a => !q || [a.id, a.org_id, a.email_domain || '', a.tier, a.status]
      .some(v => v.toLowerCase().includes(q))).slice(0, 200);
    list.replaceChildren(table(['account', 'org', 'tier', 'status'], rows.map(a =>
      [h('a', { href: '#/keys', onclick: ev => { ev.preventDefault(); open(a); } }, a.id), a.org_id, a.tier, a.status])));
  }

  async function open(a) {
    const ks = await api.get('admin/accounts/' + encodeURIComponent(a.id) + '/keys');
    const tier = h('select', { name: 'tier', id: 'tier' }, tiers.data.map(t => h('option', { value: t.name, selected: t.name === a.tier }, t.name)));
    const status = h('span', { class: 'status' });
    const setTier = h('button', { type: 'button', onclick: async () => {
      try { Object.assign(a, await api.patch('admin/accounts/' + encodeURIComponent(a.id), { tier: tier.value })); status.textContent = 'tier ' + a.tier; render(); }
      catch (e) { status.textContent = e.message; }
    } }, 'Set tier');
    const secret = h('pre', { id: 'new-secret', hidden: true });
    const create = h('button', { type: 'button', id: 'create-key', onclick: async () => {
      const k = await api.post('admin/accounts/' + encodeURIComponent(a.id) + '/keys', { name: 'console' });
      secret.hidden = false;
      secret.textContent = 'New key (shown once): ' + k.secret;
      refreshKeys();
    } }, 'Create key');
    const keyList = h('div', { id: 'keys' });
    async function refreshKeys() {
      const current = await api.get('admin/accounts/' + encodeURIComponent(a.id) + '/keys');
      keyList.replaceChildren(keyTable(current.data));
    }
    function keyTable(data) {
      return table(['key', 'name', 'created', 'revoked'], data.map(k => [k.id, k.name || '', k.created_at,
        k.revoked_at || h('button', { type: 'button', onclick: async () => {
          await api.post('admin/keys/' + encodeURIComponent(k.id) + '/revoke'); refreshKeys();
        } }, 'Revoke')]));
    }
    keyList.replaceChildren(keyTable(ks.data));
    detail.replaceChildren(h('h2', {}, 'Account ' + a.id), h('p', {}, `org ${a.org_id}, status ${a.status}`),
      h('div', { class: 'inline' }, tier, setTier, status), h('h2', {}, 'Keys'), keyList, create, secret);
  }

  search.addEventListener('input', render);
  render();
}
