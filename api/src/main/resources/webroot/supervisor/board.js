// The supervisor's live queue board: a routing-scope token (client credentials), then server-sent events.
"use strict";
const $ = (id) => document.getElementById(id);
let token = null;
let stream = null;

$("signin").addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = new URLSearchParams({ grant_type: "client_credentials", client_id: $("client-id").value,
    client_secret: $("client-secret").value, scope: "routing" });
  const r = await fetch("/oauth/token", { method: "POST", body: form });
  const json = await r.json();
  if (!r.ok) { $("message").textContent = json.error_description || "sign-in failed"; return; }
  token = json.access_token;
  $("client-secret").value = "";
  $("signin-form").classList.add("hidden");
  $("board").classList.remove("hidden");
  open();
});

// EventSource cannot send the token: a single-use ticket opens the stream; a dropped stream asks for a new one.
async function open() {
  const r = await fetch("/api/v2/streams/tickets", { method: "POST", headers: { "Authorization": "Bearer " + token } });
  if (!r.ok) { $("message").textContent = "the session ended; sign in again"; return; }
  const t = await r.json();
  stream = new EventSource(t.streamUri);
  stream.addEventListener("queues", (e) => render(JSON.parse(e.data).queues));
  stream.onopen = () => { $("live").textContent = "live"; };
  stream.onerror = () => { stream.close(); $("live").textContent = "reconnecting"; setTimeout(open, 2000); };
}

function cell(text, cls) { const td = document.createElement("td"); td.textContent = text; if (cls) { td.className = cls; } return td; }

function render(queues) {
  $("queues").replaceChildren(...queues.map((q) => {
    const tr = document.createElement("tr");
    tr.dataset.queueId = q.id;
    const agents = Object.entries(q.agentsByState).map(([s, n]) => s + ": " + n).join(", ");
    tr.append(cell(q.name, "name"), cell(String(q.waiting), "waiting"), cell(q.longestWaitSeconds + " s", "longest"),
      cell(String(q.abandoned), "abandoned"), cell(agents, "agents"));
    return tr;
  }));
}
