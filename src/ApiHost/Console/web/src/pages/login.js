import { html, render } from "lit";
import { signIn } from "../api.js";
import { t } from "../i18n/i18n.js";
import { languageSwitcher } from "../language-switcher.js";

export function mount(el, done) {
  let error = "";
  let busy = false;
  const draw = () =>
    render(
      html`
        <form class="card signin-form" @submit=${submit} aria-labelledby="signin-title">
          <div class="signin-head"><h1 id="signin-title">${t("app.title")}</h1>${languageSwitcher()}</div>
          <label>${t("login.username")} <input name="username" autocomplete="username" required autofocus></label>
          <label>${t("login.password")} <input name="password" type="password" autocomplete="current-password" required></label>
          ${error ? html`<p class="error" role="alert">${error}</p>` : ""}
          <button type="submit" ?disabled=${busy}>${busy ? t("login.busy") : t("login.submit")}</button>
        </form>`,
      el,
    );
  async function submit(e) {
    e.preventDefault();
    const form = new FormData(e.target);
    busy = true;
    error = "";
    draw();
    try {
      await signIn(form.get("username"), form.get("password"));
      done();
    } catch (err) {
      // A 401 from the login endpoint means wrong credentials or a locked account, whether or not it names its code.
      error = err.status === 401 ? t("problem.auth.invalid_credentials") : err.message;
      busy = false;
      draw();
    }
  }
  draw();
}
