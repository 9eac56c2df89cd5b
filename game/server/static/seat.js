// The browser seat: a thin client of the game server (docs/PROTOCOL.md).
//
// It draws only from the seat's latest view, makes buttons only for the orders that view
// offers, and disables them all once one is sent, until the next view. Every word it
// shows either came in the view (made by the server, in the seat's language) or in the
// page's word list (rendered by the server from the catalogue); text is always inserted
// as text (textContent), never as HTML. It reconnects by itself with backoff and jitter.
"use strict";

(() => {
  const PROTOCOL = 1;
  const GIVE_UP_MS = 10 * 60 * 1000; // keep trying for ten minutes, as the terminal client
  const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;
  const SVG = "http://www.w3.org/2000/svg";
  const READY = "main [data-order]:not([disabled])";

  const WORDS = JSON.parse(document.getElementById("words").textContent);
  const $ = (id) => document.getElementById(id);

  /** A phrase of the word list with its {facts} filled in. */
  function say(key, facts = {}) {
    const words = WORDS[key] || key;
    return words.replace(/\{(\w+)\}/g, (all, name) => (name in facts ? String(facts[name]) : all));
  }

  /** An element with attributes and children; strings become text nodes, never HTML. */
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "text") node.textContent = value;
      else if (name === "onclick") node.addEventListener("click", value);
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function fill(parent, children) {
    parent.replaceChildren(...children.filter((c) => c !== null && c !== undefined));
  }

  // ------------------------------------------------------------------ the seat's token
  // The join form's answer puts the token in the address's fragment (never sent to a
  // server); it is kept for this tab, and the address shown no longer carries it.
  let token = location.hash.slice(1);
  if (TOKEN.test(token)) {
    sessionStorage.setItem("ua-seat", token);
    history.replaceState(null, "", location.pathname + location.search);
  } else {
    token = sessionStorage.getItem("ua-seat") || "";
  }

  /** The seats this browser holds, so the join page can offer a way back. */
  function remember(view) {
    try {
      const seats = JSON.parse(localStorage.getItem("ua-seats") || "{}");
      const leader = view.leaders.find((l) => l.side === view.side);
      seats[token] = { room: view.room, table: view.table, name: view.name, lang: view.lang,
                       side: leader ? leader.short : view.side, over: !!view.ending,
                       at: Date.now() };
      localStorage.setItem("ua-seats", JSON.stringify(seats));
    } catch (e) { /* storage may be off: the seat still plays */ }
  }

  function forget() {
    try {
      const seats = JSON.parse(localStorage.getItem("ua-seats") || "{}");
      delete seats[token];
      localStorage.setItem("ua-seats", JSON.stringify(seats));
    } catch (e) { /* nothing kept */ }
    sessionStorage.removeItem("ua-seat");
  }

  // ------------------------------------------------------------------ the connection
  let socket = null;
  let view = null;
  let busy = false; // an order is on its way: nothing more until its answer
  let sentOn = ""; // the view an order was given on: until a view differs, it is unanswered
  let focusKey = ""; // the order button the keyboard was last on
  let tries = 0;
  let lostSince = 0;
  let retryTimer = 0;

  function connection(text, withRetry = false) {
    const conn = $("conn");
    fill(conn, [text]);
    if (withRetry) {
      conn.append(" ", el("button", { type: "button", text: say("retry"), onclick: retryNow }));
    }
  }

  function alertText(text) {
    const box = $("alert");
    box.textContent = text;
    box.hidden = !text;
  }

  function connect() {
    retryTimer = 0;
    connection(say("connecting"));
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + "/ws");
    socket.addEventListener("open", () => {
      socket.send(JSON.stringify({ type: "hello", protocol: PROTOCOL, token }));
    });
    socket.addEventListener("message", (event) => {
      let message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      if (message && typeof message === "object") receive(message);
    });
    socket.addEventListener("close", closed);
  }

  function retryNow() {
    if (retryTimer) clearTimeout(retryTimer);
    lostSince = Date.now();
    tries = 0;
    connect();
  }

  // what an order changes: the version (a resolved month, a decided news), this seat's
  // order of the month, or the decisions still asked of it (a news both leaders decide)
  const point = (v) => [v.version, v.committed || "",
                        v.news.map((item) => item.options.length).join(",")].join("|");

  function closed(event) {
    socket = null;
    sentOn = ""; // the next connection's first view says whether the order arrived
    setBusy(true);
    if (event.code === 4401) { // the server does not know this seat
      forget();
      connection(say("bad_seat"));
      $("conn").append(" ", el("a", { href: "/?lang=" + document.documentElement.lang,
                                      text: say("rejoin") }));
      return;
    }
    if (!lostSince) lostSince = Date.now();
    if (Date.now() - lostSince > GIVE_UP_MS) {
      connection(say("gone"), true);
      return;
    }
    const delay = Math.min(4000, 200 * 2 ** tries) * (0.5 + Math.random() / 2);
    tries += 1;
    connection(say("reconnecting", { s: Math.max(1, Math.round(delay / 1000)) }));
    retryTimer = setTimeout(connect, delay);
  }

  window.addEventListener("online", () => { if (!socket && retryTimer) retryNow(); });
  // the chart is drawn for the width it has: again when that changes (a phone turned)
  let resizing = 0;
  window.addEventListener("resize", () => {
    clearTimeout(resizing);
    resizing = setTimeout(() => { if (view) drawChart(view); }, 150);
  });

  function receive(message) {
    if (message.type === "view") {
      tries = 0;
      lostSince = 0;
      if (sentOn && point(message) !== sentOn) sentOn = ""; // the order's answer
      connection(say(sentOn ? "sent" : "connected"));
      if (!sentOn) alertText("");
      view = message;
      remember(message);
      draw(message);
    } else if (message.type === "error") {
      sentOn = ""; // refused: the view that follows is the one to choose on
      alertText(message.message || message.code);
    }
  }

  /** Send one order the view offered; then nothing more until the next view. */
  function send(order) {
    if (!view || busy || !socket || socket.readyState !== WebSocket.OPEN) return;
    sentOn = point(view);
    document.body.dataset.sent = String(Number(document.body.dataset.sent || 0) + 1);
    setBusy(true);
    connection(say("sent"));
    socket.send(JSON.stringify(Object.assign({}, order, { version: view.version })));
  }

  function setBusy(value) {
    busy = value;
    document.body.dataset.busy = value ? "1" : "0";
    for (const button of document.querySelectorAll("main [data-order]")) {
      button.disabled = value || button.dataset.blocked === "1";
    }
  }

  // ------------------------------------------------------------------ drawing
  function draw(v) {
    // where the keyboard is: on an order button (or nowhere in particular), it follows the
    // game; anywhere else (a summary, a link) it stays where the reader put it
    const active = document.activeElement;
    const following = !active || active === document.body || active === $("month")
      || !document.contains(active) || (active.dataset && active.dataset.order === "1");
    if (active && active.dataset && active.dataset.key) focusKey = active.dataset.key;
    document.body.dataset.phase = v.phase;
    document.body.dataset.turn = String(v.turn);
    document.body.dataset.version = String(v.version);
    $("main").hidden = false;
    const me = v.leaders.find((l) => l.side === v.side);
    $("where").textContent = say("where", { room: v.room, table: v.table,
                                            leader: me ? me.short : v.side });
    if (v.phase === "waiting") {
      $("month").textContent = say("waiting");
      $("turn").textContent = "";
    } else {
      $("month").textContent = capital(v.month);
      $("turn").textContent = say("turn", { turn: v.turn, turns: v.turns });
    }
    $("other").textContent = v.ending ? "" : say("other." + v.other, { name: v.other_name });
    $("committed").textContent = v.committed ? capital(v.committed) : "";
    drawFacilitator(v);
    drawEnd(v);
    drawNews(v);
    drawHand(v);
    drawReveal(v);
    drawWhy(v);
    drawBoard(v);
    drawChart(v);
    setBusy(!!sentOn || !socket || v.paused);
    if (following) {
      const same = focusKey && document.querySelector(`main [data-key="${CSS.escape(focusKey)}"]`);
      const target = v.ending ? $("end-h")
        : (same && !same.disabled ? same : document.querySelector(READY) || $("month"));
      if (document.activeElement !== target) target.focus();
    }
  }

  // The month's time, counted down here from what the view said when it was made.
  let dueAt = 0;
  let dueThen = "";
  function tick() {
    const box = $("deadline");
    if (!dueAt || !view || view.ending) { box.hidden = true; return; }
    const left = Math.max(0, Math.round((dueAt - Date.now()) / 1000));
    const time = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
    box.textContent = say("time_left", { time }) + " (" + say("then." + dueThen) + ")";
    box.hidden = false;
  }
  setInterval(tick, 1000);

  function drawFacilitator(v) {
    dueAt = v.deadline_in === null || v.deadline_in === undefined ? 0
      : Date.now() + v.deadline_in * 1000;
    dueThen = v.then || "hold";
    tick();
    $("paused").hidden = !v.paused;
    $("stopping").hidden = !v.stopping;
    fill($("notices"), v.notices.map((text) => el("li", { text: say("notice", { text }) })));
    $("facilitator").hidden = !v.paused && !v.stopping && !v.notices.length;
    $("facilitator").classList.toggle("warn", !!(v.paused || v.stopping));
  }

  function capital(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function orderButton(label, key, order, blocked, extra = {}) {
    const button = el("button", Object.assign({ type: "button", "data-order": "1",
                                                "data-key": key }, extra), label);
    button.dataset.blocked = blocked ? "1" : "0";
    button.disabled = blocked;
    button.addEventListener("click", () => send(order));
    return button;
  }

  function drawNews(v) {
    $("news").hidden = !!v.ending || v.phase === "waiting";
    const items = v.news.map((item, n) => {
      const parts = [el("h3", { text: item.title }), el("p", { text: item.text })];
      // what was decided on it, then who has still to decide
      for (const line of item.chosen) parts.push(el("p", { class: "chosen", text: line }));
      const decided = item.chosen.map((line) => line.split(":")[0]);
      const left = item.deciders.filter((who) => !decided.includes(who));
      if (left.length && !item.options.length) {
        parts.push(el("p", { class: "note", text: say("to_decide", { who: left.join(", ") }) }));
      }
      if (item.options.length) {
        const id = "decide-" + n;
        parts.push(el("p", { id, class: "ask", text: say("decide") }));
        parts.push(el("ul", { class: "options" }, ...item.options.map((option) => el("li", {},
          orderButton(option.label, "option:" + item.event + ":" + option.index,
                      { type: "choose", option: option.index }, false,
                      { "aria-describedby": id + " effects-" + n + "-" + option.index }),
          el("span", { id: "effects-" + n + "-" + option.index, class: "effects",
                       text: option.effects })))));
      }
      return el("article", { class: "story" + (item.options.length ? " deciding" : "") }, ...parts);
    });
    fill($("news-items"), items.length ? items : [el("p", { class: "note", text: say("no_news") })]);
  }

  function deciding(v) {
    return v.news.some((item) => item.options.length);
  }

  function drawHand(v) {
    $("hand").hidden = !!v.ending || v.phase === "waiting";
    const open = v.can_hold && !deciding(v);
    let note = "";
    if (deciding(v)) note = say("decide_first");
    else if (v.committed) note = say("wait_next");
    else if (v.can_hold) note = say("pick_card");
    else if (v.phase !== "policy") note = say("news_first");
    $("hand-note").textContent = note;
    fill($("cards"), v.hand.map((card) => {
      const titleId = "card-" + card.id;
      const about = ["meta", "effects", "why"].map((part) => `card-${card.id}-${part}`);
      const blocked = !open || !!card.why_not;
      return el("li", { class: "card " + card.kind + (card.why_not ? " blocked" : "") },
        el("h3", { id: titleId, text: card.title }),
        el("p", { id: about[0], class: "meta", text: [...new Set([card.category, card.stance])]
          .concat(say("cost", { n: card.cost })).join(" · ") }),
        el("p", { text: card.text }),
        el("p", { id: about[1], class: "effects", text: card.effects }),
        card.why_not ? el("p", { id: about[2], class: "why-not",
                                 text: say("cannot", { why: card.why_not }) }) : null,
        orderButton(say("play"), "card:" + card.id, { type: "play", card: card.id }, blocked,
                    { "aria-label": say("play_card", { title: card.title }),
                      "aria-describedby": (card.why_not ? about : about.slice(0, 2)).join(" ") }));
    }));
    const hold = $("hold");
    hold.dataset.order = "1";
    hold.dataset.blocked = open ? "0" : "1";
    hold.disabled = !open;
    hold.onclick = () => send({ type: "hold" });
  }

  function drawReveal(v) {
    const last = v.last;
    $("reveal").hidden = !last;
    if (!last) return;
    $("reveal-h").textContent = say("last", { month: last.month });
    fill($("played"), last.played.map((p) => {
      const leader = v.leaders.find((l) => l.side === p.side);
      return el("li", { class: "played-" + p.kind },
        el("strong", { text: (leader ? leader.short : p.side) + ": " }), p.title);
    }));
    $("interaction").textContent = last.interaction || "";
    fill($("changes"), last.changes.map((line) => el("li", { text: line })));
  }

  function drawWhy(v) {
    $("why").hidden = v.phase === "waiting";
    const lines = v.why && v.why.length ? v.why : [say("why_none")];
    fill($("why-lines"), lines.map((line) => el("li", { text: line })));
  }

  function bar(value, label, marks = []) {
    const track = el("div", { class: "bar", role: "meter", "aria-valuemin": 0,
                              "aria-valuemax": 100, "aria-valuenow": value,
                              "aria-label": label });
    track.append(el("span", { class: "fill", style: null }));
    track.firstChild.style.width = Math.max(0, Math.min(100, value)) + "%";
    for (const [at, kind] of marks) {
      const mark = el("span", { class: "mark " + kind });
      mark.style.left = Math.max(0, Math.min(100, at)) + "%";
      track.append(mark);
    }
    return track;
  }

  function drawBoard(v) {
    $("board").hidden = v.phase === "waiting";
    fill($("leaders"), v.leaders.map((l) => {
      const you = l.side === v.side ? " (" + say("you") + ")" : "";
      const line = say("polls_line", { p: l.polls, f: l.floor, c: l.comfort });
      return el("div", { class: "leader " + l.side },
        el("h3", { text: l.name + you }),
        bar(l.polls, l.short + ": " + line, [[l.floor, "floor"], [l.comfort, "comfort"]]),
        el("p", { text: line + " · " + say("capital", { n: l.capital }) }));
    }));
    fill($("trust"), [el("h3", { text: say("trust") + " " + v.trust }),
                      bar(v.trust, say("trust") + " " + v.trust)]);
    fill($("fronts"), v.fronts.map((f) => el("li", {},
      el("span", { class: "front-name", text: f.name }),
      bar(f.tension, f.name + ": " + say("tension", { n: f.tension })),
      el("span", { text: say("tension", { n: f.tension }) + " · "
                           + say("agreement", { step: f.agreement }) }))));
  }

  // The chart: inline SVG, each line with its own dash and a label at its end, so it
  // reads in greyscale; the same figures as a table for a screen reader.
  function drawChart(v) {
    const chart = v.chart;
    $("chart").hidden = !chart || v.phase === "waiting";
    if (!chart) return;
    // as wide as the space it has (within reason), so its words keep their size on a phone
    const W = Math.max(320, Math.min(640, $("chart-svg").clientWidth || 640));
    const H = 260, left = 34, right = 110, top = 10, bottom = 28;
    const points = chart.months.length;
    const x = (i) => left + (points > 1 ? (i * (W - left - right)) / (points - 1) : 0);
    const y = (value) => top + ((100 - value) * (H - top - bottom)) / 100;
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", say("chart_label"));
    const add = (tag, attrs, text) => {
      const node = document.createElementNS(SVG, tag);
      for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
      if (text !== undefined) node.textContent = text;
      svg.append(node);
      return node;
    };
    for (const level of [0, 25, 50, 75, 100]) {
      add("line", { x1: left, x2: W - right, y1: y(level), y2: y(level), class: "grid" });
      add("text", { x: left - 6, y: y(level) + 4, class: "axis", "text-anchor": "end" }, String(level));
    }
    for (const mark of chart.thresholds) {
      add("line", { x1: left, x2: W - right, y1: y(mark.value), y2: y(mark.value),
                    class: "threshold " + mark.kind });
      add("text", { x: left + 4, y: y(mark.value) - 4, class: "axis " + mark.kind }, mark.label);
    }
    const first = chart.months[0], lastMonth = chart.months[points - 1];
    add("text", { x: left, y: H - 8, class: "axis" }, first);
    if (points > 1) add("text", { x: x(points - 1), y: H - 8, class: "axis", "text-anchor": "end" }, lastMonth);
    const ends = [];
    chart.lines.forEach((line) => {
      const path = line.values.map((value, i) => `${x(i).toFixed(1)},${y(value).toFixed(1)}`).join(" ");
      add("polyline", { points: path, class: "series " + line.meter.replace(".", "-") });
      const end = line.values[line.values.length - 1];
      ends.push([y(end), line.name + " " + end, line.meter.replace(".", "-")]);
    });
    ends.sort((a, b) => a[0] - b[0]); // labels at the lines' ends, kept apart
    let lastY = -Infinity;
    for (const [at, label, kind] of ends) {
      const placed = Math.max(at + 4, lastY + 14);
      add("text", { x: W - right + 6, y: placed, class: "end-label " + kind }, label);
      lastY = placed;
    }
    fill($("chart-svg"), [svg]);
    const head = el("tr", {}, el("th", { scope: "col", text: say("month") }),
                    ...chart.lines.map((line) => el("th", { scope: "col", text:
                      line.meter.startsWith("polls.") ? say("polls_of", { name: line.name })
                        : line.name })));
    const rows = chart.months.map((month, i) => el("tr", {}, el("th", { scope: "row", text: month }),
      ...chart.lines.map((line) => el("td", { text: String(line.values[i]) }))));
    fill($("chart-table"), [el("thead", {}, head), el("tbody", {}, ...rows)]);
  }

  function drawEnd(v) {
    const ending = v.ending;
    $("end").hidden = !ending;
    if (!ending) return;
    if (v.code) {  // another game in this room: the join form with its code filled in
      $("again").href = "/?lang=" + encodeURIComponent(v.lang) + "&code=" + encodeURIComponent(v.code);
    }
    $("end-kind").textContent = ending.heading;
    $("end-h").textContent = ending.title;
    $("end-text").textContent = ending.text;
    $("end-outcome").textContent = ending.outcome;
    fill($("end-standings"), ending.standings.map((s) => el("li", { class: s.good ? "good" : "bad", text: s.text })));
    $("end-history").textContent = ending.history;
    $("end-history").hidden = $("end-history-h").hidden = !ending.history;
    fill($("end-beside"), ending.beside.map((line) => el("li", { text: line })));
    $("end-beside").hidden = $("end-beside-h").hidden = !ending.beside.length;
    fill($("end-swings"), ending.swings.map((s) => el("li", {}, el("strong", { text: s.heading }),
                                                      " — " + s.causes)));
    $("end-swings").hidden = $("end-swings-h").hidden = !ending.swings.length;
  }

  // ------------------------------------------------------------------ start
  // The debrief report opens in a new tab: the token goes in the form's body, never in
  // an address.
  $("report").addEventListener("submit", () => { $("report-token").value = token; });

  if (!TOKEN.test(token)) {
    connection(say("no_token"));
    $("conn").append(" ", el("a", { href: "/?lang=" + document.documentElement.lang, text: say("rejoin") }));
  } else {
    connect();
  }
})();
