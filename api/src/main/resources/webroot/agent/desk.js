// The agent desktop: plain JS, no build. Everything shown is set with textContent (never innerHTML), so data from
// callers and CRMs cannot inject markup; the CRM link is shown only for http(s) URLs. The one HTML shown, a campaign's
// agent script (rendered by the server with every value escaped), goes into a sandboxed iframe's srcdoc: no script
// in it runs and it cannot reach this page.
"use strict";
const $ = (id) => document.getElementById(id);
let token = sessionStorage.getItem("agentToken");
let stream = null;
let current = null;   // the last view received
let previewId = null;
let previewTimer = null;
let previewSeen = false; // the agent's status said previewing since the card came
let callbackFor = null;  // {previewId | interactionId, contact}: the card, or the campaign call, a callback is for
let searchCampaign = null; // {id, name}: the campaign of the last card, whose records the agent may search
let searchPage = 1;        // the page of the last search shown
const SEARCH_PAGE_SIZE = 25;

function message(text) { $("message").textContent = text || ""; }

async function api(method, path, body) {
  const r = await fetch(path, {
    method, headers: Object.assign({ "Authorization": "Bearer " + token },
      body === undefined ? {} : { "Content-Type": "application/json" }),
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  if (r.status === 401) { signedOut("your session ended; sign in again"); throw new Error("unauthorized"); }
  const text = await r.text();
  const json = text ? JSON.parse(text) : null;
  if (!r.ok) { message(json && json.detail ? json.detail : r.status + " " + r.statusText); throw new Error(r.status); }
  message("");
  return json;
}

$("signin").addEventListener("submit", async (e) => {
  e.preventDefault();
  const r = await fetch("/agent/signin", { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username: $("username").value, password: $("password").value }) });
  const json = await r.json();
  if (!r.ok) { message(json.detail || "sign-in failed"); return; }
  token = json.access_token;
  sessionStorage.setItem("agentToken", token);
  $("password").value = "";
  start();
});

async function start() {
  $("signin-form").classList.add("hidden");
  $("desk").classList.remove("hidden");
  $("signout").classList.remove("hidden");
  try {
    render(await api("GET", "/api/v2/users/me"));
    fill($("wrapup-code"), (await api("GET", "/api/v2/routing/wrapupcodes?pageSize=500")).entities);
    fill($("transfer-queue"), (await api("GET", "/api/v2/routing/queues?pageSize=500")).entities);
    await openStream();
  } catch (e) { /* message shown */ }
}

function fill(select, items) {
  select.replaceChildren(...items.map((i) => { const o = document.createElement("option"); o.value = i.id; o.textContent = i.name; return o; }));
}

// An action's answer is the view as it was when the server answered; a state event that came meanwhile is newer
// (a hang-up answers "onCall" while its wrapUp event may already be here), so the answer must not undo it.
let streamStates = 0;
function act(promise) {
  const seen = streamStates;
  return promise.then((v) => { if (streamStates === seen) { render(v); } return v; });
}

// EventSource cannot send the token: trade it for a single-use ticket (30 s) and open the stream with that.
async function openStream() {
  if (stream) { stream.close(); }
  const t = await api("POST", "/api/v2/streams/tickets");
  stream = new EventSource(t.streamUri);
  stream.addEventListener("state", (e) => { streamStates++; const v = JSON.parse(e.data); render(v); previewOver(v); });
  stream.addEventListener("preview", (e) => showPreview(JSON.parse(e.data)));
  stream.addEventListener("signedOut", () => signedOut("signed out"));
  stream.onerror = () => {
    // the ticket is spent: a reconnect needs a new one (unless we signed out)
    stream.close(); stream = null;
    if (token) { setTimeout(() => openStream().catch(() => {}), 2000); }
  };
}

function render(view) {
  current = view;
  $("who").textContent = view.user.name;
  const s = view.routingStatus;
  $("status").textContent = s.status;
  $("status-reason").textContent = s.reason ? "(" + s.reason + ")" : "";
  const i = view.interaction;
  const pop = $("screenpop");
  pop.className = i ? s.status : "hidden";
  if (!i) { return; }
  const pd = i.participantData || {};
  $("pop-state").textContent = s.status;
  $("pop-queue").textContent = i.queue.name;
  $("pop-skills").textContent = (i.skills || []).map((k) => k.name).join(", ");
  $("pop-customer").textContent = i.customerAddress || "";
  callbackNote("pop-callback", i.callbackNumber);
  for (const f of ["name", "tier", "product", "nps"]) { $("crm-" + f).textContent = pd[f] || ""; }
  const link = $("pop-record");
  const url = pd.recordUrl || "";
  if (/^https?:\/\//i.test(url)) { link.href = url; link.textContent = url; } else { link.removeAttribute("href"); link.textContent = ""; }
  $("pop-data").replaceChildren(...Object.keys(pd).sort().map((k) => {
    const tr = document.createElement("tr");
    const a = document.createElement("th"); a.textContent = k;
    const b = document.createElement("td"); b.textContent = pd[k];
    tr.append(a, b); return tr;
  }));
  $("call-controls").classList.toggle("hidden", s.status !== "onCall" && s.status !== "alerting");
  $("wrapup").classList.toggle("hidden", s.status !== "wrapUp");
  showScript("pop-script", i.script);
  scriptActions($("pop-script-actions"), i.script ? i.script.actions : []);
  if (i.campaignId && (s.status === "onCall" || s.status === "wrapUp")) {
    // any campaign call (progressive, power, predictive, preview): a callback for its record, this agent's first
    callbackFor = { interactionId: i.id, contact: pd.name || i.customerAddress || "" };
    $("callback-contact").textContent = "(" + callbackFor.contact + ")";
    $("callback").classList.remove("hidden");
  }
}

// A status event after the card: the preview is over (called, skipped, or the agent left it) unless still previewing.
function previewOver(view) {
  if (!previewId) { return; }
  if (view.routingStatus.status === "previewing") { previewSeen = true; } else if (previewSeen) { hidePreview(); }
}

function hidePreview() {
  previewId = null;
  previewSeen = false;
  if (previewTimer) { clearInterval(previewTimer); previewTimer = null; }
  $("preview").classList.add("hidden");
}

// A callback to another number than the record's own says so wherever the record is shown (card, screen pop).
function callbackNote(id, number) {
  const note = $(id);
  note.textContent = number ? "Callback to " + number + " (not the contact's own number)" : "";
  note.classList.toggle("hidden", !number);
}

function showScript(frameId, script) {
  const box = $(frameId + "-box");
  if (!script || !script.html) { box.classList.add("hidden"); return; }
  const frame = $(frameId);
  if (frame.srcdoc !== script.html) { frame.srcdoc = script.html; }
  box.classList.remove("hidden");
}

// The script's buttons act through the desktop's own operations (wrap-up code, do-not-call, transfer).
// Rebuilt only when they change: every status event renders the pop again, and a button replaced under the
// pointer loses its click (the end-to-end test's click on "Sold!" hit a replaced button).
function scriptActions(box, actions) {
  const key = JSON.stringify(actions || []);
  if (box.dataset.actions === key) { return; }
  box.dataset.actions = key;
  box.replaceChildren(...(actions || []).map((a) => {
    const b = document.createElement("button");
    b.textContent = a.label;
    b.className = "script-action";
    b.dataset.kind = a.kind;
    b.onclick = () => {
      if (a.kind === "doNotCall") { $("dnc").click(); }
      else if (a.kind === "transfer") { $("transfer-number").value = a.value; $("transfer-number-go").click(); }
      else if (a.kind === "callback") { scheduleCallback(); }
      else if (a.kind === "wrapUp") {
        const o = [...$("wrapup-code").options].find((x) => x.textContent === a.value || x.value === a.value);
        if (o) { $("wrapup-code").value = o.value; message("wrap-up code " + o.textContent + " chosen"); }
      }
    };
    return b;
  }));
}

function showPreview(p) {
  if (previewId === p.previewId) { // sent again every few seconds: already shown, but its callback may be cancelled
    callbackNote("preview-callback", p.callbackNumber);
    return;
  }
  previewId = p.previewId;
  previewSeen = current && current.routingStatus.status === "previewing";
  $("preview-campaign").textContent = p.campaignName ? "(" + p.campaignName + ")" : "";
  callbackNote("preview-callback", p.callbackNumber);
  showScript("preview-script", p.script ? { html: p.script } : null);
  if (previewTimer) { clearInterval(previewTimer); previewTimer = null; }
  $("preview-timer").textContent = "";
  if (p.timerSeconds > 0) {
    const due = Date.parse(p.offeredAt) + p.timerSeconds * 1000;
    const tick = () => { $("preview-timer").textContent = "calling in " + Math.max(0, Math.ceil((due - Date.now()) / 1000)) + " s"; };
    tick(); previewTimer = setInterval(tick, 500);
  }
  const dl = $("preview-fields");
  const fields = p.contact || {};
  dl.replaceChildren(...Object.keys(fields).flatMap((k) => {
    const t = document.createElement("dt"); t.textContent = k;
    const d = document.createElement("dd"); d.textContent = fields[k];
    return [t, d];
  }));
  $("preview").classList.remove("hidden");
  scriptActions($("preview-script-actions"), p.actions);
  callbackFor = { previewId: p.previewId, contact: fields.name || p.contactId };
  $("callback-contact").textContent = "(" + callbackFor.contact + ")";
  $("callback").classList.remove("hidden");
  searchCampaign = { id: p.campaignId, name: p.campaignName };
  $("search-campaign").textContent = p.campaignName ? "(" + p.campaignName + ")" : "";
  $("search").classList.remove("hidden");
}

// The card's record (or, after Call, the called one) is called again at the chosen local time, gate first.
async function scheduleCallback() {
  const at = $("callback-at").value;
  if (!callbackFor || !at) { message("pick the callback's date and time first"); return; }
  const id = callbackFor.previewId;
  const body = { callbackScheduledTime: new Date(at).toISOString() };
  const number = $("callback-number").value.trim(); // Genesys' callbackNumbers: one number (the server reads it)
  if (number) { body.callbackNumbers = [number]; }
  const r = callbackFor.interactionId
    ? await api("POST", "/api/v2/users/me/interaction/callback", body)
    : await api("POST", "/api/v2/users/me/previews/" + encodeURIComponent(id) + "/callback", body);
  message("callback for " + callbackFor.contact + " scheduled at " + new Date(r.callbackScheduledTime).toLocaleString()
    + (r.callbackNumbers ? " to " + r.callbackNumbers[0] : ""));
  $("callback-number").value = "";
  if (id && previewId === id) { hidePreview(); }
}

// Genesys' "preview: search": the campaign's records by a column's value; Take makes one the agent's card if the
// campaign's gate lets it be called now, else the page shows the gate's reason.
// One page at a time (Genesys' paged list): Previous and Next read the neighbouring pages of the same search.
async function search(page) {
  if (!searchCampaign) { return; }
  const r = await api("POST", "/api/v2/users/me/previewrecords/search",
    { campaignId: searchCampaign.id, column: $("search-column").value, value: $("search-value").value,
      pageSize: SEARCH_PAGE_SIZE, pageNumber: page || 1 });
  searchPage = r.pageNumber;
  $("search-results").replaceChildren(...r.records.map((x) => {
    const tr = document.createElement("tr");
    tr.dataset.contactId = x.contactId;
    const who = document.createElement("td"); who.textContent = Object.values(x.contact).join(", ");
    const why = document.createElement("td"); why.className = "search-reason";
    why.textContent = x.callableNow ? "callable now" : x.reason + ": " + x.detail;
    const act = document.createElement("td");
    const b = document.createElement("button"); b.textContent = "Take"; b.className = "search-take";
    b.onclick = () => {
      const before = previewId; // the taken record's card may arrive before this answer: hide only the old one
      api("POST", "/api/v2/users/me/previewrecords", { campaignId: searchCampaign.id, contactId: x.contactId })
        .then(() => { if (previewId === before) { hidePreview(); } message("record taken; its card follows"); }).catch(() => {});
    };
    act.append(b); tr.append(who, why, act); return tr;
  }));
  $("search-page").textContent = "page " + r.pageNumber + " of " + Math.max(1, r.pageCount) + " (" + r.total + " records)";
  $("search-prev").disabled = r.pageNumber <= 1;
  $("search-next").disabled = r.pageNumber >= r.pageCount;
  $("search-pages").classList.toggle("hidden", r.pageCount <= 1);
}

async function decide(action) {
  const id = previewId;
  try {
    await api("POST", "/api/v2/users/me/previews/" + encodeURIComponent(id), { action });
  } finally {
    if (previewId === id) { hidePreview(); }
  }
}

function signedOut(text) {
  token = null;
  sessionStorage.removeItem("agentToken");
  if (stream) { stream.close(); stream = null; }
  $("desk").classList.add("hidden");
  $("signout").classList.add("hidden");
  $("signin-form").classList.remove("hidden");
  message(text);
}

const status = (status, reason) => act(api("PUT", "/api/v2/users/me/routingstatus", reason ? { status, reason } : { status })).then(() => {});
$("available").onclick = () => status("available").catch(() => {});
$("break").onclick = () => status("break", $("break-reason").value || "break").catch(() => {});
$("offline").onclick = () => status("offline").catch(() => {});
$("hangup").onclick = () => act(api("POST", "/api/v2/users/me/interaction/hangup")).catch(() => {});
$("transfer-queue-go").onclick = () => act(api("POST", "/api/v2/users/me/interaction/transfer", { queueId: $("transfer-queue").value })).catch(() => {});
$("transfer-number-go").onclick = () => act(api("POST", "/api/v2/users/me/interaction/transfer", { number: $("transfer-number").value })).catch(() => {});
$("dnc").onclick = () => api("POST", "/api/v2/users/me/interaction/donotcall").then((e) => message(e.address + " will not be called again")).catch(() => {});
$("wrapup").addEventListener("submit", (e) => {
  e.preventDefault();
  api("POST", "/api/v2/users/me/interaction/wrapup", { codeId: $("wrapup-code").value, notes: $("wrapup-notes").value })
    .then((v) => { $("wrapup-notes").value = ""; render(v); }).catch(() => {});
});
$("preview-call").onclick = () => decide("call").catch(() => {});
$("callback-go").onclick = () => scheduleCallback().catch(() => {});
$("search-form").addEventListener("submit", (e) => { e.preventDefault(); search(1).catch(() => {}); });
$("search-prev").onclick = () => search(searchPage - 1).catch(() => {});
$("search-next").onclick = () => search(searchPage + 1).catch(() => {});
$("preview-skip").onclick = () => decide("skip").catch(() => {});
$("signout").onclick = () => api("POST", "/api/v2/users/me/signout").finally(() => signedOut("signed out"));

if (token) { start(); }
