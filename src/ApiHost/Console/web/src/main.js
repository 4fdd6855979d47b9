import { html, render } from "lit";
import "./app.css";
import { can, request, session, signOut } from "./api.js";
import { disconnect, onStatus } from "./live.js";
import { onLanguageChange, t, valueLabel } from "./i18n/i18n.js";
import { languageSwitcher } from "./language-switcher.js";
import { adoptAccountLanguage } from "./i18n/account-language.js";
import { loadOrganisation } from "./organisation.js";
import * as login from "./pages/login.js";
import * as dashboard from "./pages/dashboard.js";
import * as wallboard from "./pages/wallboard.js";
import * as extensions from "./pages/extensions.js";
import * as liveCalls from "./pages/live-calls.js";
import * as history from "./pages/history.js";
import * as dids from "./pages/dids.js";
import * as phone from "./pages/phone.js";
import * as users from "./pages/users.js";
import * as trunks from "./pages/trunks.js";
import * as dialRules from "./pages/dial-rules.js";
import * as recordings from "./pages/recordings.js";
import * as prompts from "./pages/prompts.js";
import * as timeConditions from "./pages/time-conditions.js";
import * as system from "./pages/system.js";

// Hash routes, so the server serves one index.html and a reload keeps the page.
// Each route's title is the message "nav.<name>"; a route is offered to the roles the API serves its page to.
const routes = {
  dashboard: { page: dashboard, allowed: can.supervise },
  wallboard: { page: wallboard, allowed: can.supervise, fullScreen: true },
  extensions: { page: extensions, allowed: () => true },
  calls: { page: liveCalls, allowed: () => true },
  history: { page: history, allowed: () => true },
  recordings: { page: recordings, allowed: () => true },
  dids: { page: dids, allowed: can.supervise },
  trunks: { page: trunks, allowed: can.supervise },
  dialRules: { page: dialRules, allowed: can.supervise },
  prompts: { page: prompts, allowed: can.supervise },
  timeConditions: { page: timeConditions, allowed: can.supervise },
  users: { page: users, allowed: can.admin },
  system: { page: system, allowed: can.admin },
  phone: { page: phone, allowed: () => true },
};

// Where signing in and an unknown or forbidden route lead: the dashboard, or a phone owner's own phone.
const home = () => (can.supervise() ? "dashboard" : "phone");

const root = document.getElementById("app");
let unmount = () => {};
let shown = null; // the route whose page is shown under the header, null on the sign-in page
let connection = "connected";
const liveStatus = () => t(connection === "connected" ? "live.connected" : "live.reconnecting");

onStatus((status) => {
  connection = status === "reconnected" ? "connected" : status;
  document.body.dataset.live = connection;
  // Through lit, never by hand: lit must own the badge's text to change it again in another language. The page under
  // the header is not touched (<main> holds no template parts).
  if (shown) render(shell(shown), root);
});

function navigate() {
  unmount();
  unmount = () => {};
  const [name, ...rest] = location.hash.replace(/^#\/?/, "").split("/");
  shown = null;
  if (!session()) {
    document.title = `${t("login.submit")} · ${t("app.title")}`;
    render(html`<main id="main" class="signin">${""}</main>`, root);
    unmount = login.mount(root.querySelector("main"), signedIn) ?? (() => {});
    return;
  }
  const route = routes[name];
  if (!route || !route.allowed()) {
    location.hash = `#/${home()}`;
    return;
  }
  document.title = `${t(`nav.${name}`)} · ${t("app.title")}`;
  document.body.classList.toggle("full-screen", !!route.fullScreen);
  render(shell(name), root);
  shown = name;
  const main = root.querySelector("main");
  main.focus({ preventScroll: true });
  // Each visit renders into a fresh element, so an answer that arrives after the user left a page draws off-screen.
  const container = document.createElement("div");
  main.replaceChildren(container);
  unmount = route.page.mount(container, rest) ?? (() => {});
}

function shell(current) {
  const user = session();
  const links = Object.entries(routes).filter(([, r]) => r.allowed());
  return html`
    <a class="skip" href="#main" @click=${(e) => { e.preventDefault(); root.querySelector("main").focus(); }}>${t("app.skip")}</a>
    <header class="top">
      <span class="brand">PBX</span>
      <nav aria-label=${t("nav.label")}>
        ${links.map(([name]) => html`<a href="#/${name}" aria-current=${name === current ? "page" : "false"}>${t(`nav.${name}`)}</a>`)}
      </nav>
      <span class="live-status" role="status" aria-live="polite">${liveStatus()}</span>
      ${can.admin() ? html`<button type="button" class="link" @click=${openOrleansDashboard}>Orleans</button>` : ""}
      <span class="user">${user.username} <small>(${can.admin() ? valueLabel("role", user.role) : t("header.readOnly", { role: valueLabel("role", user.role) })})</small></span>
      ${languageSwitcher()}
      <button type="button" class="link" @click=${() => { signOut(); disconnect(); location.hash = "#/login"; navigate(); }}>${t("header.signOut")}</button>
    </header>
    <main id="main" tabindex="-1"></main>`;
}

// The Orleans dashboard's page cannot send the bearer token, so the API first puts the token in a cookie valid only under
// /admin/orleans. The tab opens before the request so that popup blockers see it come from the click.
async function openOrleansDashboard() {
  const tab = window.open("about:blank", "_blank");
  try {
    await request("POST", "/api/v1/auth/dashboard-session");
    if (tab) tab.location = "/admin/orleans/";
  } catch (error) {
    tab?.close();
    alert(error.message);
  }
}

// A language kept with the account may differ from this browser's; adopting it draws the page already.
async function signedIn() {
  if (!(await adoptAccountLanguage())) navigate();
}

// A page formats its dates as it first draws them, so the organisation's time zone must be known before.
await loadOrganisation();
// lit renders after existing children: drop the static "Loading…" shown until now.
root.replaceChildren();
window.addEventListener("hashchange", navigate);
// The page is drawn again in the new language; what it shows is fetched again, as on a visit.
onLanguageChange(navigate);
navigate();
if (session()) adoptAccountLanguage();
