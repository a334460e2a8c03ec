// Hash router and sign-in: #/overview, #/entity/<id>, #/alerts, #/policies, #/keys.
import { api } from './api.js';
import { overview } from './overview.js';
import { entity } from './entity.js';
import { alerts } from './alerts.js';
import { policies } from './policies.js';
import { keys } from './keys.js';

const view = document.getElementById('view');
const pages = { overview, entity, alerts, policies, keys };
let stop = null;

async function route() {
  if (stop) { stop(); stop = null; }
  const [, page = 'overview', ...rest] = (location.hash || '#/overview').split('/');
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.getAttribute('href') === '#/' + page);
  view.replaceChildren();
  const render = pages[page] || overview;
  try {
    stop = await render(view, decodeURIComponent(rest.join('/')));
  } catch (e) {
    view.append(Object.assign(document.createElement('p'), { className: 'error', textContent: e.message }));
  }
}

function showSignIn(signedIn) {
  document.getElementById('sign-in').hidden = signedIn;
  document.getElementById('nav').hidden = !signedIn;
  view.hidden = !signedIn;
}

document.getElementById('sign-in-form').addEventListener('submit', async ev => {
  ev.preventDefault();
  const error = document.getElementById('sign-in-error');
  error.textContent = '';
  try {
    await api.signIn(document.getElementById('token').value);
    document.getElementById('token').value = '';
    showSignIn(true);
    route();
  } catch (e) {
    error.textContent = e.status === 401 ? 'Sign-in refused: wrong credential.' : e.message;
  }
});

document.getElementById('sign-out').addEventListener('click', async () => {
  await api.signOut().catch(() => {});
  window.dispatchEvent(new Event('signed-out'));
});

window.addEventListener('signed-out', () => {
  if (stop) { stop(); stop = null; }
  showSignIn(false);
});
window.addEventListener('hashchange', () => { if (!view.hidden) route(); });

api.session().then(() => { showSignIn(true); route(); }).catch(() => showSignIn(false));
