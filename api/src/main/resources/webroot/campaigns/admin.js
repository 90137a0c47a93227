// Contact list upload with its progress, DNC list management and the reports of the campaigns page.
"use strict";
(() => {
  const OUTBOUND = "/api/v2/outbound";

  async function options(select, path, label) {
    const page = await Api.call("GET", path + "?pageSize=100");
    const keep = select.value; // read after the wait: the user may have picked one meanwhile
    select.replaceChildren(...page.entities.map((x) => {
      const o = el("option", null, label(x));
      o.value = x.id;
      return o;
    }));
    if (keep) { select.value = keep; }
  }

  async function loadLists() {
    try {
      await options($("upload-list"), OUTBOUND + "/contactlists", (l) => l.name + " (" + l.size + ")");
    } catch (err) {
      $("upload-status").textContent = "contact lists need the messaging scope: " + err.message;
    }
    try {
      await options($("dnc-list"), OUTBOUND + "/dnclists", (l) => l.name);
      await entries();
    } catch (err) {
      showError(err);
    }
  }

  // --- contact list upload: bytes sent (XHR upload events), then the import job until it ends
  function shown(percent, text) {
    $("upload-progress").value = percent;
    $("upload-status").textContent = text;
  }

  async function follow(list) {
    for (;;) {
      const s = await Api.call("GET", OUTBOUND + "/contactlists/" + list + "/importstatus");
      if (s.state !== "inProgress") { return s; }
      shown(s.percentComplete, "importing: " + s.completedRecords + " rows read");
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  function finished(s) {
    if (s.state === "completed") {
      shown(100, "Imported " + s.completedRecords + " contacts, " + s.badRecords + " bad rows");
    } else {
      shown($("upload-progress").value, "Failed: " + (s.failureReason || "not imported"));
    }
    $("upload-errors").replaceChildren(...(s.badRows || []).slice(0, 20).map((b) => el("li", null, "line " + b.line + ": " + b.reason)));
  }

  $("upload-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const list = $("upload-list").value;
    const file = $("upload-file").files[0];
    $("upload-button").disabled = true;
    $("upload-errors").replaceChildren();
    shown(0, "sending");
    try {
      const r = await Api.upload(OUTBOUND + "/contactlists/" + list + "/upload?mode=" + $("upload-mode").value, file,
        (sent, total) => shown(Math.floor(100 * sent / total), "sending: " + Math.floor(100 * sent / total) + " %"));
      if (r.status === 200) {
        finished(r.body);
      } else if (r.status === 202) { // the merge still runs: follow the job
        finished(await follow(list));
      } else {
        shown(0, "Not imported: " + (r.body.detail || r.status));
        $("upload-errors").replaceChildren(...(r.body.errors || []).slice(0, 20).map((x) => el("li", null, x.field + ": " + x.reason)));
      }
      loadLists();
    } catch (err) {
      shown(0, err.message);
    } finally {
      $("upload-button").disabled = false;
    }
  });

  // --- DNC lists: add and remove numbers, upload a file, the newest entries with a remove button each
  async function entries() {
    const id = $("dnc-list").value;
    if (!id) { return; }
    const page = await Api.call("GET", OUTBOUND + "/dnclists/" + id + "/entries?pageSize=25");
    $("dnc-entries").replaceChildren(...page.entities.map((x) => {
      const tr = el("tr");
      const rm = el("button", "remove", "Remove");
      rm.type = "button";
      rm.addEventListener("click", () => patch(x.contactMethod === "email" ? "emailaddresses" : "phonenumbers", "remove", [x.address]));
      const td = el("td");
      td.append(rm);
      tr.append(el("td", "address", x.address), el("td", null, x.expirationDateTime || "never"), el("td", null, x.dateCreated || ""), td);
      return tr;
    }));
  }

  async function patch(kind, action, values) {
    const body = { action };
    body[kind === "emailaddresses" ? "emailAddresses" : "phoneNumbers"] = values;
    try {
      const r = await Api.call("PATCH", OUTBOUND + "/dnclists/" + $("dnc-list").value + "/" + kind, body);
      $("dnc-status").textContent = (action === "add" ? "Added " : "Removed ") + r.count;
      $("message").textContent = "";
      await entries();
    } catch (err) {
      showError(err);
    }
  }

  const numbers = () => $("dnc-numbers").value.split(/\s*\n\s*/).map((s) => s.trim()).filter((s) => s.length > 0);
  $("dnc-form").addEventListener("submit", (e) => { e.preventDefault(); patch("phonenumbers", "add", numbers()); });
  $("dnc-remove").addEventListener("click", () => patch("phonenumbers", "remove", numbers()));
  $("dnc-list").addEventListener("change", () => entries().catch(showError));
  // lists made elsewhere since sign-in show up when a list picker is opened
  $("upload-list").addEventListener("focus", () => loadLists());
  $("dnc-list").addEventListener("focus", () => options($("dnc-list"), OUTBOUND + "/dnclists", (l) => l.name).catch(showError));
  $("dnc-upload-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const r = await Api.upload(OUTBOUND + "/dnclists/" + $("dnc-list").value + "/upload", $("dnc-file").files[0], () => {});
    $("dnc-status").textContent = r.status === 200 ? "Uploaded: " + r.body.stored + " entries, " + r.body.badRows + " bad rows"
      : "Not imported: " + (r.body.detail || r.status);
    entries().catch(showError);
  });

  // --- reports
  function local(d) { // a Date as a datetime-local value
    const z = new Date(d.getTime() - d.getTimezoneOffset() * 60000);
    return z.toISOString().slice(0, 16);
  }

  function query() {
    const ids = [...document.querySelectorAll("#report-campaigns input:checked")].map((i) => i.value);
    if (ids.length === 0) { throw new Error("pick at least one campaign"); }
    const p = new URLSearchParams();
    ids.forEach((id) => p.append("campaignId", id));
    p.set("from", new Date($("report-from").value).toISOString());
    p.set("to", new Date($("report-to").value).toISOString());
    return p;
  }

  function intervalQuery() {
    const p = query();
    p.set("granularity", $("report-granularity").value);
    p.set("timeZone", $("report-zone").value);
    return p;
  }

  const pct = (v) => (v === null ? "–" : v.toFixed(2) + " %");
  function reportRow(x, label) {
    const tr = el("tr");
    [label, x.dials, x.contacts, x.abandons, pct(x.contactRate), pct(x.abandonsPerDial), pct(x.abandonRate)]
      .forEach((v) => tr.append(el("td", null, String(v))));
    return tr;
  }

  $("report-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      const r = await Api.call("GET", OUTBOUND + "/reports/campaignintervals?" + intervalQuery() + "&pageSize=500");
      const rows = r.entities.map((x) => reportRow(x, new Date(x.intervalStart).toLocaleString()));
      if (r.totals) { rows.push(reportRow(r.totals, "total")); }
      $("report-rows").replaceChildren(...rows);
      $("message").textContent = r.pageCount > 1 ? "the first 500 intervals are shown; the exports have them all" : "";
    } catch (err) {
      showError(err);
    }
  });

  const save = (path, file) => async () => {
    try {
      await Api.download(OUTBOUND + path(), file);
    } catch (err) {
      showError(err);
    }
  };
  $("report-csv").addEventListener("click", save(() => "/reports/campaignintervals/export?" + intervalQuery(), "campaign-intervals.csv"));
  $("report-pdf").addEventListener("click", save(() => "/reports/campaignintervals/export?" + intervalQuery() + "&format=pdf", "campaign-intervals.pdf"));
  $("attempts-csv").addEventListener("click", save(() => "/reports/campaignattempts/export?" + query(), "campaign-attempts.csv"));
  $("attempts-pdf").addEventListener("click", save(() => "/reports/campaignattempts/export?" + query() + "&format=pdf", "campaign-attempts.pdf"));

  // the report's campaign boxes follow the board's list, keeping what is ticked
  document.addEventListener("campaigns", (e) => {
    const box = $("report-campaigns");
    const ticked = new Set([...box.querySelectorAll("input:checked")].map((i) => i.value));
    box.replaceChildren(...e.detail.map((c) => {
      const l = el("label");
      const i = el("input");
      i.type = "checkbox";
      i.value = c.id;
      i.checked = ticked.has(c.id);
      l.append(i, " " + c.name);
      return l;
    }));
  });

  Api.whenSignedIn(() => {
    const now = new Date();
    $("report-from").value = local(new Date(now.getFullYear(), now.getMonth(), now.getDate()));
    $("report-to").value = local(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1));
    $("report-zone").value = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
    loadLists();
  });
})();
