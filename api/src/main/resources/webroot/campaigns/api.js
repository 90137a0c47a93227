// Sign-in and API calls of the campaigns page.
// The page signs in as an API client (OAuth client credentials) and keeps the access token in this script's memory
// only: no cookie (so no cross-site request can ride on it: nothing is sent unless this code adds the header), no
// localStorage (a script injected later or another tab cannot read it back); the secret is cleared from the form
// once used. A reload or the token's expiry signs out.
"use strict";
const $ = (id) => document.getElementById(id);
const Api = (() => {
  let token = null;
  let onSignedIn = [];

  async function signIn(clientId, secret) {
    const form = new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: secret });
    const r = await fetch("/oauth/token", { method: "POST", body: form });
    const json = await r.json();
    if (!r.ok) { throw new Error(json.error_description || "sign-in failed"); }
    token = json.access_token;
    onSignedIn.forEach((f) => f());
  }

  function signOut(why) {
    token = null;
    $("app").classList.add("hidden");
    $("signout").classList.add("hidden");
    $("signin-form").classList.remove("hidden");
    $("message").textContent = why || "";
  }

  // A problem+json answer becomes an Error with its detail (and field errors); 401 means the token ended.
  async function failure(r) {
    if (r.status === 401) { signOut("the session ended; sign in again"); }
    let p = {};
    try { p = await r.json(); } catch (e) { /* not JSON */ }
    const err = new Error(p.detail || p.title || ("HTTP " + r.status));
    err.status = r.status;
    err.errors = p.errors || [];
    return err;
  }

  async function call(method, path, body, type) {
    const headers = { "Authorization": "Bearer " + token };
    if (body !== undefined) { headers["Content-Type"] = type || "application/json"; }
    const r = await fetch(path, { method, headers,
      body: body === undefined ? undefined : (type ? body : JSON.stringify(body)) });
    if (!r.ok) { throw await failure(r); }
    return r.status === 204 ? null : r.json();
  }

  // A download (CSV, PDF) fetched with the token, then saved through an object URL: the token never goes in a URL.
  async function download(path, fileName) {
    const r = await fetch(path, { headers: { "Authorization": "Bearer " + token } });
    if (!r.ok) { throw await failure(r); }
    const url = URL.createObjectURL(await r.blob());
    const a = document.createElement("a");
    a.href = url;
    a.download = fileName;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  // XMLHttpRequest, not fetch: only it reports how much of a request body has been sent.
  function upload(path, file, onSent) {
    return new Promise((resolve, reject) => {
      const x = new XMLHttpRequest();
      x.open("POST", path);
      x.setRequestHeader("Authorization", "Bearer " + token);
      x.setRequestHeader("Content-Type", "text/csv");
      x.upload.onprogress = (e) => { if (e.lengthComputable) { onSent(e.loaded, e.total); } };
      x.onload = () => {
        let body = {};
        try { body = JSON.parse(x.responseText); } catch (e) { /* empty */ }
        if (x.status === 401) { signOut("the session ended; sign in again"); }
        resolve({ status: x.status, body });
      };
      x.onerror = () => reject(new Error("the upload broke off"));
      x.send(file);
    });
  }

  return { signIn, signOut, call, download, upload, signedIn: () => token !== null,
    whenSignedIn: (f) => onSignedIn.push(f) };
})();

$("signin").addEventListener("submit", async (e) => {
  e.preventDefault();
  try {
    await Api.signIn($("client-id").value, $("client-secret").value);
  } catch (err) {
    $("message").textContent = err.message;
    return;
  } finally {
    $("client-secret").value = "";
  }
  $("message").textContent = "";
  $("signin-form").classList.add("hidden");
  $("app").classList.remove("hidden");
  $("signout").classList.remove("hidden");
});
$("signout").addEventListener("click", () => Api.signOut());

// Shown where an action failed, with the problem's field errors.
function showError(err) {
  $("message").textContent = err.message + (err.errors && err.errors.length
    ? ": " + err.errors.slice(0, 5).map((x) => (x.field || "") + " " + (x.reason || "")).join("; ") : "");
}

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) { e.className = cls; }
  if (text !== undefined) { e.textContent = text; }
  return e;
}
