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

  function status(row) {
    if (row.broken) return say("broken");
    if (row.ending) return row.ending;
    if (row.phase === "waiting") return say("waiting");
    const parts = [];
    if (row.paused) parts.push(say("paused"));
    if (row.stopping) parts.push(say("ending"));
    if (row.left !== null && row.left !== undefined) {
      const m = Math.floor(row.left / 60), s = String(row.left % 60).padStart(2, "0");
      parts.push(say("left", { time: `${m}:${s}` }));
    }
    if (row.phase === "choice") parts.push(say("deciding"));
    else if (row.ordered.length) parts.push(say("played", { sides: row.ordered.join(", ").toUpperCase() }));
    else parts.push(say("choosing"));
    return parts.join(" · ");
  }

  function kind(row) {
    if (row.ending) return "ended";
    if (row.phase === "waiting") return "waiting";
    return row.paused ? "paused" : "playing";
  }

  function seat(row, side) {
    const found = row.seats[side];
    if (!found) return "—";
    if (found.kind === "agent") return found.name + " (" + say("computer") + ")";
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
    body.replaceChildren(...rows.map((r) => {
      const tr = document.createElement("tr");
      tr.className = kind(r);
      const first = document.createElement("td");
      const link = document.createElement("a");
      link.href = `/console/${encodeURIComponent(WORDS.code)}/tables/${r.table}?lang=${WORDS.lang}`;
      link.textContent = String(r.table);
      first.append(link);
      tr.append(first, cell(seat(r, "amlo")), cell(seat(r, "trump")), cell(r.month),
                cell(r.polls.amlo), cell(r.polls.trump), cell(r.trust), cell(r.signed),
                cell(status(r)));
      return tr;
    }));
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
    $("live").textContent = say("live");
    draw();
  });
  live.addEventListener("error", () => { $("live").textContent = say("lost"); });
})();
