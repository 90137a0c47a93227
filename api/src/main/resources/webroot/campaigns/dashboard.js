// The live campaign board: progress bars per campaign, start/pause/resume/stop, and the chart of the chosen campaign.
// Live by polling every 2 s, not server-sent events: EventSource cannot send the Authorization header (a token in
// the URL would land in logs), the figures are a few indexed counts per campaign, and a poll that fails simply
// shows stale figures until the next one.
"use strict";
const Board = (() => {
  const POLL_MS = 2000;
  const CHART_EVERY = 5; // ticks: the chart's counts move slowly, every 10 s is enough
  let campaigns = [];
  let chartCampaign = null;
  let ticks = 0;
  let busy = false;

  async function tick() {
    if (!Api.signedIn() || busy) { return; }
    busy = true;
    try {
      const page = await Api.call("GET", "/api/v2/outbound/campaigns?pageSize=100");
      campaigns = page.entities;
      const progress = await Promise.all(campaigns.map((c) =>
        Api.call("GET", "/api/v2/outbound/campaigns/" + c.id + "/progress").catch(() => null)));
      render(progress);
      if (chartCampaign === null && campaigns.length > 0) { chartCampaign = campaigns[0]; }
      if (chartCampaign !== null && ticks % CHART_EVERY === 0) { await chart(); }
      $("live").textContent = "updated " + new Date().toLocaleTimeString();
      document.dispatchEvent(new CustomEvent("campaigns", { detail: campaigns }));
      ticks++;
    } catch (err) {
      $("live").textContent = "not updated: " + err.message;
    } finally {
      busy = false;
    }
  }

  function card(c) {
    let div = document.querySelector('.campaign[data-campaign="' + c.id + '"]');
    if (div) { return div; }
    div = el("div", "campaign");
    div.dataset.campaign = c.id;
    const h = el("h3");
    const name = el("span", "name");
    name.title = "show its chart";
    name.addEventListener("click", () => { chartCampaign = campaigns.find((x) => x.id === c.id); chart(); });
    h.append(name, el("span", "status"));
    for (const [action, label] of [["start", "Start"], ["pause", "Pause"], ["resume", "Resume"], ["stop", "Stop"]]) {
      const b = el("button", action, label);
      b.type = "button";
      b.addEventListener("click", () => move(c.id, action));
      h.append(b);
    }
    const bars = el("div", "bars");
    for (const [key, label] of [["processed", "Processed"], ["connects", "Connects"], ["abandons", "Abandon rate"]]) {
      const bar = el("div", "bar " + key);
      bar.setAttribute("role", "progressbar");
      bar.append(el("span"));
      if (key === "abandons") { bar.append(el("i", "target")); }
      bars.append(el("span", null, label), bar, el("span", key + "-text"));
    }
    div.append(h, bars, el("div", "figures"));
    $("campaigns").append(div);
    return div;
  }

  function bar(div, key, value, max, text) {
    const b = div.querySelector(".bar." + key);
    b.setAttribute("aria-valuenow", String(value));
    b.setAttribute("aria-valuemax", String(max));
    b.firstChild.style.width = (max > 0 ? Math.min(100, 100 * value / max) : 0) + "%";
    div.querySelector("." + key + "-text").textContent = text;
  }

  function render(progress) {
    const ids = new Set(campaigns.map((c) => c.id));
    document.querySelectorAll(".campaign").forEach((d) => { if (!ids.has(d.dataset.campaign)) { d.remove(); } });
    $("no-campaigns").classList.toggle("hidden", campaigns.length > 0);
    campaigns.forEach((c, i) => {
      const div = card(c);
      div.querySelector(".name").textContent = c.name + " (" + c.dialingMode + ")";
      showStatus(div, c.campaignStatus);
      const p = progress[i];
      if (!p) { return; }
      bar(div, "processed", p.processedContacts, p.totalContacts,
        p.processedContacts + " / " + p.totalContacts + " contacts, " + p.remainingContacts + " remaining");
      bar(div, "connects", p.connects, p.dials, p.connects + " connects of " + p.dials + " dials");
      const rate = p.abandonRate === null ? 0 : p.abandonRate;
      const scale = Math.max(2 * p.abandonRateTarget, rate, 1);
      bar(div, "abandons", rate, scale, (p.abandonRate === null ? "–" : rate.toFixed(1) + " %") +
        " (target " + p.abandonRateTarget + " %)");
      div.querySelector(".bar.abandons").classList.toggle("over", rate > p.abandonRateTarget);
      div.querySelector(".bar.abandons .target").style.left = (100 * p.abandonRateTarget / scale) + "%";
      div.querySelector(".figures").textContent = "Dials " + p.dials + " · in flight " + p.callsInFlight +
        " · abandons " + p.abandons + " · DNC-blocked " + p.dncBlockedContacts + " · idle agents " +
        (p.idleAgents === null ? "– (agentless)" : p.idleAgents);
    });
  }

  // Which buttons apply in which status (the server's table decides; this only spares a 409).
  const ENABLED = {
    start: ["off", "complete"], pause: ["on"], resume: ["paused"], stop: ["on", "paused"],
  };

  function showStatus(div, status) {
    const st = div.querySelector(".status");
    st.textContent = status;
    st.className = "status " + status;
    for (const [action, states] of Object.entries(ENABLED)) {
      div.querySelector("button." + action).disabled = !states.includes(status);
    }
  }

  async function move(id, action) {
    try {
      const c = await Api.call("POST", "/api/v2/outbound/campaigns/" + id + "/" + action);
      showStatus(document.querySelector('.campaign[data-campaign="' + id + '"]'), c.campaignStatus);
      $("message").textContent = "";
    } catch (err) {
      showError(err);
    }
  }

  // Grouped bars in inline SVG: no chart library, nothing from a CDN.
  async function chart() {
    const q15 = 15 * 60 * 1000;
    const to = new Date(Math.ceil(Date.now() / q15) * q15);
    const from = new Date(to.getTime() - 6 * 3600 * 1000);
    const c = chartCampaign;
    const r = await Api.call("GET", "/api/v2/outbound/reports/campaignintervals?campaignId=" + c.id + "&from=" +
      from.toISOString() + "&to=" + to.toISOString() + "&granularity=fifteenMinutes&pageSize=500");
    $("chart-name").textContent = c.name;
    const rows = r.entities;
    const W = 960, H = 200, pad = 28;
    const max = Math.max(1, ...rows.map((x) => x.dials));
    const slot = (W - pad) / rows.length;
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 " + W + " " + (H + 20));
    svg.setAttribute("role", "img");
    const text = (x, y, s, anchor) => {
      const t = document.createElementNS(ns, "text");
      t.setAttribute("x", x); t.setAttribute("y", y); t.setAttribute("font-size", "10");
      t.setAttribute("text-anchor", anchor || "middle"); t.textContent = s; svg.append(t);
    };
    text(pad - 4, 10, String(max), "end");
    text(pad - 4, H, "0", "end");
    rows.forEach((x, i) => {
      [["dials", x.dials], ["connects", x.contacts], ["abandons", x.abandons]].forEach(([cls, v], k) => {
        const rect = document.createElementNS(ns, "rect");
        const h = (H - 10) * v / max;
        rect.setAttribute("class", cls);
        rect.setAttribute("x", pad + i * slot + k * slot / 4 + slot / 8);
        rect.setAttribute("y", H - h);
        rect.setAttribute("width", slot / 4);
        rect.setAttribute("height", h);
        rect.dataset.value = v;
        const title = document.createElementNS(ns, "title");
        title.textContent = new Date(x.intervalStart).toLocaleTimeString() + " " + cls + " " + v;
        rect.append(title);
        svg.append(rect);
      });
      if (i % 4 === 0) {
        text(pad + i * slot + slot / 2, H + 14, new Date(x.intervalStart).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }));
      }
    });
    $("chart").replaceChildren(svg);
  }

  Api.whenSignedIn(() => { ticks = 0; tick(); });
  setInterval(tick, POLL_MS);
  return { campaigns: () => campaigns };
})();
