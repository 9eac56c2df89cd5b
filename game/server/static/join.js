// The join page: offers a way back to the seats this browser holds (kept by seat.js).
// The form itself needs no script. Text is inserted as text, never as HTML.
"use strict";

(() => {
  const WORDS = JSON.parse(document.getElementById("words").textContent);
  const say = (key, facts) => WORDS[key].replace(/\{(\w+)\}/g, (all, name) => (name in facts ? String(facts[name]) : all));
  const box = document.getElementById("mine");
  let seats = {};
  try { seats = JSON.parse(localStorage.getItem("ua-seats") || "{}"); } catch (e) { return; }
  const lang = document.documentElement.lang;
  const list = box.querySelector("ul");

  function show() {
    const open = Object.entries(seats).filter(([, s]) => s && !s.over)
      .sort((a, b) => (b[1].at || 0) - (a[1].at || 0)).slice(0, 5);
    list.replaceChildren(...open.map(([token, seat]) => {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = "/seat?lang=" + encodeURIComponent(seat.lang || lang) + "#" + token;
      link.textContent = say("back", { room: seat.room, table: seat.table, name: seat.name, side: seat.side });
      const drop = document.createElement("button");
      drop.type = "button";
      drop.textContent = say("forget", {});
      drop.addEventListener("click", () => {
        delete seats[token];
        localStorage.setItem("ua-seats", JSON.stringify(seats));
        show();
      });
      item.append(link, " ", drop);
      return item;
    }));
    box.hidden = open.length === 0;
  }
  show();
})();
