// The teacher's page: the passphrase, then the class roster, live: each match's turn and
// seats (joined, browsers, chosen, done), and the teacher's controls.
"use strict";

const PASS = "detente.teacher";
// `open`: the seat whose controls are unfolded ("table/nation"), kept across redraws of the
// roster, with the choices made in them (`choice`).
const teacher = {passphrase: sessionStorage.getItem(PASS), status: null, open: null, choice: {}};
const link = Link(opened, received);

function opened() {
  if (teacher.passphrase) link.send({type: "teach", protocol: PROTOCOL, passphrase: teacher.passphrase});
  else showLogin();
}

function received(m) {
  if (m.type === "roster") { teacher.status = m.status; renderRoster(); }
  else if (m.type === "debrief") showDebrief(m.html);
  else if (m.type === "error") {
    if (m.error.kind === "wrong_passphrase" || m.error.kind === "slow_down") {
      sessionStorage.removeItem(PASS);
      teacher.passphrase = null;
      showLogin(errorText(m.error));
    } else toast(errorText(m.error), "bad");
  } else if (m.type === "refused") toast(m.text, "bad");
}

function showLogin(problem) {
  const main = clear(document.getElementById("main"));
  const input = el("input", {id: "pass", type: "password", autocomplete: "current-password", "aria-label": t("teacher_pass")});
  main.append(el("form", {class: "panel join", onsubmit: (e) => {
    e.preventDefault();
    teacher.passphrase = input.value;
    sessionStorage.setItem(PASS, input.value);
    link.send({type: "teach", protocol: PROTOCOL, passphrase: input.value});
  }}, el("h1", {}, t("teacher_title")), el("p", {}, t("teacher_help")),
    el("label", {for: "pass"}, t("teacher_pass")), input,
    el("button", {type: "submit", class: "primary"}, t("teacher_enter")),
    el("p", {class: "error", role: "alert"}, problem || "")));
  input.focus();
}

function renderRoster() {
  const s = teacher.status;
  document.getElementById("where").textContent = t("class_code_is", {code: s.class_code});
  const main = clear(document.getElementById("main"));
  const timer = el("input", {id: "timer", type: "number", min: "10", max: "3600", step: "10",
    value: s.turn_timer || "", placeholder: t("timer_off"), "aria-label": t("timer_label")});
  main.append(el("section", {class: "panel join-info"},
    s.qr ? el("figure", {class: "qr", "aria-label": t("qr_label")}) : null,
    el("div", {}, el("h2", {}, t("join_at")), s.addresses.map((a) => el("div", {class: "address"}, a)),
      el("h2", {}, t("class_code")), el("div", {class: "bigcode"}, s.class_code),
      s.folder ? el("p", {class: "muted small"}, t("autosaves", {folder: s.folder})) : null),
    el("div", {class: "controls"},
      el("button", {onclick: () => link.send({type: "pause", table: null, paused: true})}, t("pause_all")),
      el("button", {onclick: () => link.send({type: "pause", table: null, paused: false})}, t("resume_all")),
      el("label", {for: "timer"}, t("timer_label")), timer,
      el("button", {onclick: () => {
        const n = parseInt(timer.value, 10);
        link.send({type: "timer", seconds: Number.isFinite(n) && n > 0 ? n : null});
      }}, t("timer_set")),
      s.seconds_left !== null && s.seconds_left !== undefined ? el("span", {class: "muted"}, t("timer_left", {s: s.seconds_left})) : null,
      el("button", {id: "debrief", onclick: askDebrief}, t("class_debrief")),
      teacher.debrief ? el("a", {id: "debrief-link", href: teacher.debrief, target: "_blank", rel: "noopener"}, t("debrief_open")) : null)));
  // The QR code is drawn by the host (a library's SVG) from its own address.
  const qr = main.querySelector(".qr");
  if (qr) qr.innerHTML = s.qr;
  const grid = el("div", {class: "roster"});
  for (const m of s.tables) {
    const rows = m.seats.flatMap((seat) => [el("tr", {},
      el("th", {scope: "row"}, seat.name),
      el("td", {class: seat.joined ? "good" : "muted"}, seat.joined ? t("joined") : t("open")),
      el("td", {}, String(seat.browsers)),
      el("td", {class: seat.computer ? "warn" : ""}, seat.computer
        ? t("by_computer", {strategy: strategyName(seat.computer.strategy), personality: seat.computer.personality})
        : t("by_team")),
      el("td", {class: seat.done ? "good" : seat.chosen ? "" : "muted"},
        m.outcome ? t("over") : seat.computer || !seat.joined ? "" : seat.done ? t("done") : seat.chosen ? t("chosen") : t("thinking")),
      el("td", {}, m.outcome ? null : toggle(m, seat))),
      !m.outcome && teacher.open === key(m, seat)
        ? el("tr", {class: "controls-row"}, el("td", {colspan: "6"}, seatControls(s, m, seat)))
        : null]);
    const played = t("turn_of_short", {turn: m.turn, turns: m.turns});
    const state = m.outcome ? t("regime_" + m.outcome) : m.paused ? t("paused") + " · " + played : played;
    grid.append(el("section", {class: "panel"},
      el("h2", {}, t("match_n", {n: m.table + 1}), " ", el("span", {class: "muted"}, "· " + state + " · " + t("seed", {seed: m.seed}))),
      el("table", {class: "relations"}, el("thead", {}, el("tr", {}, [t("seat"), t("team"), t("browsers"), t("who_plays"), t("this_turn"), ""].map((h) => el("th", {scope: "col"}, h)))),
        el("tbody", {}, rows)),
      el("div", {class: "end-row"}, m.outcome ? null : el("button", {onclick: () => link.send({type: "pause", table: m.table, paused: !m.paused})},
        m.paused ? t("resume") : t("pause")))));
  }
  main.append(grid);
}

// A seat's controls: the computer takes the seat (with a strategy and personality) or
// gives it back, the team moves to an open seat, or its seat is taken away.
function seatControls(s, m, seat) {
  const k = key(m, seat);
  const choice = teacher.choice[k] || (teacher.choice[k] = {
    strategy: (seat.usual || {}).strategy || s.strategies[0],
    personality: (seat.usual || {}).personality || s.personalities[0],
    to: "",
  });
  const select = (label, options, value, set) => el("label", {class: "small"}, label + " ",
    el("select", {onchange: (e) => set(e.target.value)},
      options.map(([v, text]) => el("option", v === value ? {value: v, selected: ""} : {value: v}, text))));
  const parts = [];
  if (seat.computer) {
    parts.push(el("button", {class: "small", onclick: () => link.send({type: "hand_back", table: m.table, nation: seat.nation})}, t("give_back")));
  } else {
    parts.push(el("div", {class: "row"},
      select(t("strategy"), s.strategies.map((x) => [x, strategyName(x)]), choice.strategy, (v) => { choice.strategy = v; }),
      select(t("personality"), s.personalities.map((x) => [x, x]), choice.personality, (v) => { choice.personality = v; }),
      el("button", {class: "small", onclick: () => link.send({type: "computer", table: m.table, nation: seat.nation,
        strategy: choice.strategy, personality: choice.personality})}, t("computer_take"))));
  }
  if (seat.joined) {
    const open = [];
    for (const other of s.tables) {
      if (other.outcome) continue;
      for (const o of other.seats) {
        if (!o.joined) open.push([other.table + "/" + o.nation, t("match_n", {n: other.table + 1}) + ": " + o.name]);
      }
    }
    if (!choice.to && open.length) choice.to = open[0][0];
    parts.push(open.length ? el("div", {class: "row"},
      select(t("move_to"), open, choice.to, (v) => { choice.to = v; }),
      el("button", {class: "small", onclick: () => {
        const [table, nation] = choice.to.split("/");
        link.send({type: "move_team", table: m.table, nation: seat.nation, to_table: Number(table), to_nation: nation});
      }}, t("move"))) : el("p", {class: "muted small"}, t("no_open_seat")));
    parts.push(el("button", {class: "small", onclick: () => {
      if (confirm(t("release_confirm", {name: seat.name, n: m.table + 1})))
        link.send({type: "release", table: m.table, nation: seat.nation});
    }}, t("release")));
  }
  return el("div", {class: "seat-controls", id: "controls-" + key}, ...parts);
}

function key(m, seat) { return m.table + "/" + seat.nation; }

// The button that unfolds a seat's controls in a row of their own under it.
function toggle(m, seat) {
  const k = key(m, seat);
  const open = teacher.open === k;
  return el("button", {class: "small change", "aria-expanded": open ? "true" : "false", "aria-controls": "controls-" + k,
    onclick: () => { teacher.open = open ? null : k; renderRoster(); }}, open ? t("close") : t("change"));
}

// The class debrief: every match side by side, declassified, made by the host from the class
// folder. A tab is opened at the click (so no pop-up blocker stops it) and filled when the
// page arrives; the link stays on the page.
function askDebrief() {
  teacher.tab = window.open("", "_blank");
  if (teacher.tab) teacher.tab.document.write("<p style='font-family:sans-serif'>" + t("debrief_making") + "</p>");
  link.send({type: "debrief"});
}

function showDebrief(html) {
  if (teacher.debrief) URL.revokeObjectURL(teacher.debrief);
  teacher.debrief = URL.createObjectURL(new Blob([html], {type: "text/html"}));
  if (teacher.tab && !teacher.tab.closed) teacher.tab.location = teacher.debrief;
  teacher.tab = null;
  renderRoster();
}
