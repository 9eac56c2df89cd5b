// The facilitator's console: the table list kept live from the server's snapshots
// (server-sent events, whole snapshots), sorted and filtered in the page, and the preview
// of the news chosen to send. Every action is a plain form: it works without this script.
// Text is always inserted as text, never as HTML.
"use strict";

(() => {
  const WORDS = JSON.parse(document.getElementById("words").textContent);
  const PREVIEWS = JSON.parse(document.getElementById("previews").textContent);
  const say = (key, facts = {}) => (WORDS[key] || key)
    .replace(/\{(\w+)\}/g, (all, name) => (name in facts ? String(facts[name]) : all));
  const $ = (id) => document.getElementById(id);
  const body = document.querySelector("#tables tbody");
  let latest = null;
  let sortKey = "table";
  let sortUp = true;

  function cell(text, attrs = {}) {
    const td = document.createElement("td");
    for (const [name, value] of Object.entries(attrs)) td.setAttribute(name, value);
    td.textContent = text === null || text === undefined ? "" : String(text);
    return td;
  }

  // The time a table has left, counted down here from the snapshot that said it.
  const due = new Map();

  function left(row) {
    const at = due.get(row.table);
    if (at === undefined) return "";
    const secs = Math.max(0, Math.round((at - Date.now()) / 1000));
    return say("left", { time: Math.floor(secs / 60) + ":" + String(secs % 60).padStart(2, "0") });
  }

  function status(row) {
    return [left(row), row.status].filter((part) => part).join(" · ");
  }

  function kind(row) {
    if (row.ending) return "ended";
    if (row.phase === "waiting") return "waiting";
    return row.paused ? "paused" : "playing";
  }

  function seat(row, side) {
    const found = row.seats[side];
    if (!found) return "—";
    if (found.kind === "agent") return found.name;
    return found.connected || row.ending ? found.name : say("away", { name: found.name });
  }

  const VALUE = {
    table: (r) => r.table, amlo: (r) => seat(r, "amlo").toLowerCase(),
    trump: (r) => seat(r, "trump").toLowerCase(), month: (r) => r.turn,
    polls_amlo: (r) => (r.polls.amlo ?? -1), polls_trump: (r) => (r.polls.trump ?? -1),
    trust: (r) => (r.trust ?? -1), signed: (r) => r.signed, status: (r) => status(r),
  };

  function draw() {
    if (!latest) return;
    const find = $("filter").value.trim().toLowerCase();
    const only = $("status-filter").value;
    const rows = latest.tables.filter((r) => (!only || kind(r) === only) && (!find
      || String(r.table) === find
      || Object.values(r.seats).some((s) => s.name.toLowerCase().includes(find))));
    rows.sort((a, b) => {
      const x = VALUE[sortKey](a), y = VALUE[sortKey](b);
      return (x < y ? -1 : x > y ? 1 : a.table - b.table) * (sortUp ? 1 : -1);
    });
    // the keyboard stays on the table it was on, though the rows are drawn anew
    const focused = document.activeElement && document.activeElement.dataset
      ? document.activeElement.dataset.table : undefined;
    body.replaceChildren(...rows.map((r) => {
      const tr = document.createElement("tr");
      tr.className = kind(r);
      tr.dataset.table = String(r.table);
      const first = document.createElement("td");
      const link = document.createElement("a");
      link.href = `/console/${encodeURIComponent(WORDS.code)}/tables/${r.table}?lang=${WORDS.lang}`;
      link.textContent = String(r.table);
      link.dataset.table = String(r.table);
      first.append(link);
      const state = cell(status(r));
      state.className = "status";
      tr.append(first, cell(seat(r, "amlo")), cell(seat(r, "trump")), cell(r.month),
                cell(r.polls.amlo), cell(r.polls.trump), cell(r.trust), cell(r.signed), state);
      return tr;
    }));
    if (focused !== undefined) {
      const again = body.querySelector(`a[data-table="${CSS.escape(focused)}"]`);
      if (again) again.focus();
    }
    document.body.dataset.revision = String(Number(document.body.dataset.revision || 0) + 1);
  }

  for (const button of document.querySelectorAll("th button[data-sort]")) {
    button.addEventListener("click", () => {
      const key = button.dataset.sort;
      sortUp = key === sortKey ? !sortUp : true;
      sortKey = key;
      for (const th of document.querySelectorAll("#tables th")) th.setAttribute("aria-sort", "none");
      button.parentElement.setAttribute("aria-sort", sortUp ? "ascending" : "descending");
      draw();
    });
  }
  $("filter").addEventListener("input", draw);
  $("status-filter").addEventListener("change", draw);

  // each second, only the status cells: the rows (and the keyboard) stay where they are
  setInterval(() => {
    if (!latest || !due.size) return;
    for (const tr of body.querySelectorAll("tr[data-table]")) {
      const row = latest.tables.find((r) => String(r.table) === tr.dataset.table);
      const cellOf = tr.querySelector("td.status");
      if (row && cellOf) cellOf.textContent = status(row);
    }
  }, 1000);

  // news being written survives a refusal: kept for this tab until it is sent
  const writing = document.querySelector("form[action*='/write']");
  if (writing) {
    const fields = [...writing.querySelectorAll("input:not([type=hidden]), textarea, select")];
    const kept = sessionStorage.getItem("ua-writing");
    if (kept && document.querySelector(".problem")) {
      try {
        const values = JSON.parse(kept);
        for (const field of fields) if (field.name in values) field.value = values[field.name];
      } catch (e) { /* nothing kept */ }
    }
    sessionStorage.removeItem("ua-writing");
    writing.addEventListener("submit", () => {
      const values = {};
      for (const field of fields) values[field.name] = field.value;
      sessionStorage.setItem("ua-writing", JSON.stringify(values));
    });
  }

  const chosen = $("event");
  if (chosen) {
    chosen.addEventListener("change", () => {
      const found = PREVIEWS.find((e) => e.id === chosen.value);
      $("preview").textContent = found ? found.preview : "";
    });
  }

  const live = new EventSource(`/console/${encodeURIComponent(WORDS.code)}/events?lang=${WORDS.lang}`);
  live.addEventListener("room", (event) => {
    latest = JSON.parse(event.data);
    due.clear();
    for (const row of latest.tables) {
      if (row.left !== null && row.left !== undefined) due.set(row.table, Date.now() + row.left * 1000);
    }
    $("live").textContent = say("live");
    draw();
  });
  live.addEventListener("error", () => { $("live").textContent = say("lost"); });
})();
