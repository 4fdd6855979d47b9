import { html, render } from "lit";
import { signIn } from "../api.js";

export function mount(el, done) {
  let error = "";
  let busy = false;
  const draw = () =>
    render(
      html`
        <form class="card signin-form" @submit=${submit} aria-labelledby="signin-title">
          <h1 id="signin-title">PBX console</h1>
          <label>User name <input name="username" autocomplete="username" required autofocus></label>
          <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
          ${error ? html`<p class="error" role="alert">${error}</p>` : ""}
          <button type="submit" ?disabled=${busy}>${busy ? "Signing in…" : "Sign in"}</button>
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
      error = err.status === 401 ? "Wrong user name or password." : err.message;
      busy = false;
      draw();
    }
  }
  draw();
}
