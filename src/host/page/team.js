// A team's page: join with the class code, take a seat, then play that nation's turns from
// what the host sends (its SeatView, and nothing else). Keeps the seat's token, so a reload
// or a dropped connection comes back to the same seat.
"use strict";

const KEY = "detente.seat";
const page = {
  token: localStorage.getItem(KEY),
  welcome: null,   // the tables and seats, once the class code was right
  brief: null,     // the scenario's public facts
  msg: null,       // the last `view` message
  tab: "board",    // board | reveal | history | debrief
  seenTurn: null,  // the turn whose reveal the team has seen
  charts: null,
  pending: false,  // a command sent, its view not yet back
};

const link = Link(opened, received);

function opened() {
  if (page.token) link.send({type: "resume", protocol: PROTOCOL, token: page.token});
  else if (!page.welcome) showJoin();
}

function received(m) {
  switch (m.type) {
    case "welcome": page.welcome = m; showSeats(); break;
    case "seated":
      // The teacher may move the team to another seat: its board starts afresh.
      if (page.msg && (page.msg.view.nation !== m.nation || page.table !== m.table)) {
        page.msg = null; page.charts = null; page.tab = "board";
        page.moved = true;  // said once the new seat's brief and view are here
      }
      page.table = m.table;
      page.token = m.token;
      page.teamCode = m.team_code;
      localStorage.setItem(KEY, m.token);
      break;
    case "brief": page.brief = m.brief; break;
    case "view": onView(m); break;
    case "timer":
      page.deadline = m.seconds_left === null ? null : Date.now() + m.seconds_left * 1000;
      render();
      break;
    case "charts": page.charts = m.svgs; if (page.tab === "history") render(); break;
    case "refused": page.pending = false; toast(m.text, "bad"); render(); break;
    case "error": onError(m.error); break;
  }
}

function onError(error) {
  page.pending = false;
  if (error.kind === "unknown_token") {
    // The class was restarted without this seat, or the teacher took it away.
    localStorage.removeItem(KEY);
    page.token = null; page.msg = null; page.brief = null; page.welcome = null;
    toast(t("seat_lost"), "bad");
    showJoin();
    return;
  }
  const text = errorText(error);
  const form = document.getElementById("join-error");
  if (form && !page.msg) form.textContent = text; else toast(text, "bad");
  if (error.kind === "no_such_seat" && page.welcome) showSeats();
  if (error.kind === "seat_taken" && page.welcome) {
    const table = page.welcome.tables[error.table];
    const seat = table && table.seats.find((s) => s.nation === error.nation);
    if (seat) askTeamCode(error.table, seat);
  }
}

function onView(m) {
  const first = !page.msg;
  if (page.moved && page.brief) {
    page.moved = false;
    toast(t("moved", {n: page.table + 1, name: page.brief.nations[m.view.nation].name}), "info");
  }
  const turned = page.msg && page.msg.view.turn !== m.view.turn;
  page.msg = m;
  page.pending = false;
  if (first) page.seenTurn = m.view.turn;
  if (turned) {
    page.charts = null;
    page.tab = "reveal";
    page.seenTurn = m.view.turn;
  } else if (first && m.view.outcome) page.tab = "debrief";
  render();
}

// ---- Joining -------------------------------------------------------------------------

function showJoin() {
  banner(null);
  document.getElementById("where").textContent = "";
  const main = clear(document.getElementById("main"));
  const input = el("input", {id: "code", class: "code", autocomplete: "off", autocapitalize: "characters",
    spellcheck: "false", maxlength: "12", placeholder: "KXW4PA", "aria-label": t("join_code")});
  const go = (e) => {
    e.preventDefault();
    document.getElementById("join-error").textContent = "";
    link.send({type: "join", protocol: PROTOCOL, class_code: input.value});
  };
  main.append(el("form", {class: "panel join", onsubmit: go},
    el("h1", {}, t("join_title")),
    el("p", {}, t("join_help")),
    el("label", {for: "code"}, t("join_code")),
    input,
    el("button", {type: "submit", class: "primary"}, t("join_button")),
    el("p", {id: "join-error", class: "error", role: "alert"})));
  input.focus();
}

function showSeats() {
  const main = clear(document.getElementById("main"));
  const list = el("div", {class: "tables"});
  for (const table of page.welcome.tables) {
    const seats = table.seats.map((s) => el("button", {
      class: "seat",
      onclick: () => s.open
        ? link.send({type: "claim", table: table.table, nation: s.nation})
        : askTeamCode(table.table, s),
    }, el("strong", {}, s.name), el("span", {class: "muted"}, s.open ? t("seat_open") : t("seat_taken"))));
    list.append(el("section", {class: "panel table"},
      el("h2", {}, t("match_n", {n: table.table + 1})), el("div", {class: "seats"}, seats)));
  }
  main.append(el("div", {class: "pick"}, el("h1", {}, t("pick_title")), el("p", {}, t("pick_help")), list,
    el("div", {id: "team-code-box"})));
}

// A taken seat: a teammate joins it with the team code the first laptop shows.
function askTeamCode(table, seat) {
  const box = document.getElementById("team-code-box");
  const input = el("input", {id: "team-code", class: "code", autocomplete: "off", autocapitalize: "characters",
    spellcheck: "false", maxlength: "8", placeholder: "KX4P", "aria-label": t("team_code")});
  clear(box).append(el("form", {class: "panel join", onsubmit: (e) => {
    e.preventDefault();
    link.send({type: "claim", table, nation: seat.nation, team_code: input.value});
  }}, el("h2", {}, t("team_code_title", {name: seat.name, n: table + 1})), el("p", {}, t("team_code_help")),
    el("label", {for: "team-code"}, t("team_code")), input,
    el("button", {type: "submit", class: "primary"}, t("team_code_join")),
    el("p", {id: "join-error", class: "error", role: "alert"})));
  input.focus();
}

// ---- Playing -------------------------------------------------------------------------

function nationName(i) { return page.brief ? page.brief.nations[i].name : "#" + i; }
function moveOf(i) { return page.brief.moves[i]; }
function intentWord(intent) { return t("intent_" + intent.toLowerCase()); }

function send(m) {
  if (link.send(m)) { page.pending = true; render(); }
}

function render() {
  if (!page.msg || !page.brief) return;
  const m = page.msg, v = m.view, b = page.brief;
  document.getElementById("where").replaceChildren(
    el("span", {class: "muted"}, t("match_n", {n: (page.table || 0) + 1}) + " "),
    el("span", {class: "chip", style: "--nation:" + b.nations[v.nation].colour}, nationName(v.nation)),
    el("span", {}, " " + t("turn_of", {turn: Math.min(v.turn + 1, v.turns), turns: v.turns, length: b.turn_length})),
    el("span", {class: "muted"}, " · " + b.title));
  const [words, kind] = status(m);
  const left = page.deadline && !v.outcome ? Math.max(0, Math.round((page.deadline - Date.now()) / 1000)) : null;
  banner(left === null ? words : words + " " + t("timer_left_team", {time: clock(left)}), kind);
  const tabs = [["board", t("tab_board")], ["reveal", t("tab_reveal")], ["history", t("tab_history")]];
  if (v.outcome) tabs.push(["debrief", t("tab_debrief")]);
  const bar = el("nav", {class: "tabs", role: "tablist"}, tabs.map(([id, label]) => el("button", {
    role: "tab", "aria-selected": page.tab === id ? "true" : "false", class: page.tab === id ? "on" : "",
    disabled: id === "reveal" && v.history.length < 2,
    onclick: () => { page.tab = id; if (id === "history" && !page.charts) link.send({type: "charts"}); render(); },
  }, label)));
  const body = page.tab === "reveal" ? reveal(v, m)
    : page.tab === "history" ? history()
    : page.tab === "debrief" ? debrief(v, m)
    : board(v, m);
  clear(document.getElementById("main")).append(bar, body);
}

// Seconds as m:ss.
function clock(s) { return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0"); }

// The turn timer counts down in the banner, once a second.
setInterval(() => {
  if (page.deadline && page.msg && page.brief) {
    const [words, kind] = status(page.msg);
    const left = Math.max(0, Math.round((page.deadline - Date.now()) / 1000));
    if (!page.msg.view.outcome) banner(words + " " + t("timer_left_team", {time: clock(left)}), kind);
  }
}, 1000);

// The banner: what the team should know first (paused, waiting, choose, over).
function status(m) {
  const v = m.view;
  if (v.outcome) return [t("status_over", {outcome: t("regime_" + v.outcome)}), "info"];
  if (m.computer) return [t("status_computer", {strategy: strategyName(m.computer.strategy), personality: m.computer.personality}), "warn"];
  if (m.paused) return [t("status_paused"), "warn"];
  if (m.done) {
    const others = m.waiting.filter((n) => n !== v.nation).map(nationName);
    return [others.length ? t("status_waiting", {names: others.join(", ")}) : t("status_resolving"), "info"];
  }
  if (v.chosen === null || v.chosen === undefined) return [t("status_choose"), ""];
  return [t("status_chosen", {move: moveOf(v.chosen).name}), "good"];
}

function board(v, m) {
  const now = v.history[v.history.length - 1];
  const over = !!v.outcome;
  const cards = el("div", {class: "cards", role: "group", "aria-label": t("moves_title")});
  v.moves.forEach((option, k) => {
    const spec = moveOf(option.move_index);
    const on = v.chosen === option.move_index;
    const odds = spec.secret ? t("odds_caught", {p: percent(option.odds)}) : t("odds_misread", {p: percent(option.odds)});
    cards.append(el("button", {
      class: "card " + spec.intent.toLowerCase() + (on ? " on" : ""), "aria-pressed": on ? "true" : "false",
      disabled: over || m.done || !!m.computer, title: spec.description,
      onclick: () => send({type: "choose", move_index: option.move_index}),
    },
    el("span", {class: "key"}, k < 9 ? String(k + 1) : ""),
    el("strong", {}, spec.name),
    el("span", {class: "intent"}, intentWord(spec.intent) + (spec.secret ? " · " + t("secret") : "") + (spec.proposal ? " · " + t("proposal") : "")),
    el("span", {class: "desc"}, spec.description),
    el("span", {class: "odds"}, odds)));
  });
  if (over) {
    cards.append(el("p", {class: "muted"}, t("over_board")));
  }
  const canEnd = !over && !m.done && !m.computer && v.chosen !== null && v.chosen !== undefined;
  const end = over
    ? el("button", {class: "primary end", onclick: () => { page.tab = "debrief"; render(); }}, t("to_debrief"))
    : el("button", {id: "end-turn", class: "primary end", disabled: !canEnd || page.pending,
      onclick: () => send({type: "end_turn"})}, m.done ? t("end_turn_done") : t("end_turn"));
  const left = el("section", {class: "panel moves"}, el("h2", {}, t("moves_title")), cards, el("div", {class: "end-row"}, end,
    el("span", {class: "muted hint"}, t("keys_hint"))));
  const right = el("div", {class: "side"}, own(now), others(v, now), proposals(v, m), agreements(v), crisis(v));
  return el("div", {class: "board"}, left, right);
}

function stat(label, value, note) {
  return el("div", {class: "stat"}, el("span", {class: "muted"}, label), el("strong", {}, value), note ? el("span", {class: "muted small"}, note) : null);
}

function own(now) {
  const o = now.own;
  return el("section", {class: "panel"}, el("h2", {}, t("own_title")),
    page.teamCode ? el("p", {class: "team-code"}, t("team_code_is", {code: page.teamCode})) : null,
    el("div", {class: "stats"},
      stat(t("arms"), whole(o.arms), o.warheads ? t("warheads", {n: o.warheads}) : null),
      stat(t("alert"), o.alert), stat(t("approval"), whole(o.approval)),
      stat(t("budget"), whole(o.budget)), stat(t("missile_defense"), whole(o.missile_defense)),
      stat(t("risk"), percent(now.risk), t("clock", {m: now.minutes_to_midnight.toFixed(1)}))));
}

// What the seat knows of each other nation: one row each, so five to eight nations stay
// readable (a matrix of "you → them").
function others(v, now) {
  const head = el("tr", {}, [t("nation"), t("their_arms"), t("your_trust"), t("your_transparency"), t("hotline"), t("alert"), t("defense_short"), t("approval")]
    .map((h) => el("th", {scope: "col", title: h === t("defense_short") ? t("defense_help") : null}, h)));
  const rows = now.others.map((c) => el("tr", {},
    el("th", {scope: "row"}, el("span", {class: "dot", style: "--nation:" + page.brief.nations[c.nation].colour}), nationName(c.nation)),
    el("td", {}, c.verified_arms !== null && c.verified_arms !== undefined
      ? el("span", {title: t("verified_help")}, whole(c.verified_arms) + " ✓")
      : el("span", {title: t("believed_help")}, "≈" + whole(c.believed_arms))),
    el("td", {}, bar(c.trust)), el("td", {}, bar(c.transparency)),
    el("td", {}, c.hotline ? "☎" : "—"), el("td", {}, c.alert), el("td", {}, whole(c.missile_defense)),
    el("td", {}, whole(c.approval))));
  return el("section", {class: "panel"}, el("h2", {}, t("others_title")),
    el("div", {class: "table-scroll"},
      el("table", {class: "relations"}, el("thead", {}, head), el("tbody", {}, rows))),
    el("p", {class: "muted small"}, t("others_help")));
}

function bar(x) {
  return el("span", {class: "bar", title: whole(x) + " / 100"}, el("span", {style: "width:" + Math.max(0, Math.min(100, x)) + "%"}), el("em", {}, whole(x)));
}

function proposals(v, m) {
  if (!v.proposals.length) return null;
  const items = v.proposals.map((p) => {
    const answer = (v.answers.find(([i]) => i === p.index) || [])[1];
    const spec = moveOf(p.move_index);
    return el("li", {}, el("strong", {}, t("proposal_from", {name: nationName(p.from), move: spec.name})),
      p.to_answer ? el("span", {class: "answer"},
        el("button", {class: answer === true ? "on" : "", "aria-pressed": answer === true ? "true" : "false", disabled: m.done || !!v.outcome || !!m.computer,
          onclick: () => send({type: "answer", proposal: p.index, accept: true})}, t("accept")),
        el("button", {class: answer === false ? "on" : "", "aria-pressed": answer === false ? "true" : "false", disabled: m.done || !!v.outcome || !!m.computer,
          onclick: () => send({type: "answer", proposal: p.index, accept: false})}, t("decline")))
        : el("span", {class: "muted"}, t("proposal_yours")));
  });
  return el("section", {class: "panel"}, el("h2", {}, t("proposals_title")), el("ul", {class: "list"}, items));
}

function agreements(v) {
  if (!v.agreements.length) return null;
  return el("section", {class: "panel"}, el("h2", {}, t("agreements_title")), el("ul", {class: "list"},
    v.agreements.map((a) => el("li", {}, t("agreement", {move: moveOf(a.move_index).name,
      a: nationName(a.parties[0]), b: nationName(a.parties[1]), turn: a.signed})))));
}

function crisis(v) {
  if (!v.crisis) return null;
  const c = v.crisis;
  const rungs = page.brief.ladder.map((r, k) => el("li", {class: k === c.level ? "on" : k < c.level ? "past" : ""}, r));
  return el("section", {class: "panel crisis"}, el("h2", {}, t("crisis_title", {a: nationName(c.parties[0]), b: nationName(c.parties[1])})),
    el("ol", {class: "ladder"}, rungs));
}

// The turn just resolved, as this nation perceived it.
function reveal(v, m) {
  const now = v.history[v.history.length - 1], before = v.history[v.history.length - 2];
  if (!before) return el("section", {class: "panel"}, el("p", {}, t("reveal_none")));
  const moves = now.moves.map((s, k) => {
    const spec = moveOf(s.move_index);
    const who = s.actor === v.nation
      ? t(m.computer ? "computer_played" : "you_played", {move: spec.name, intent: intentWord(spec.intent)})
      : t("they_played", {name: nationName(s.actor), move: spec.name});
    return el("li", {class: s.misread || s.detected ? "warn" : ""}, el("strong", {}, who), m.readings[k] ? el("div", {class: "muted"}, m.readings[k]) : null);
  });
  if (m.timed_out) moves.unshift(el("li", {class: "warn"}, el("strong", {}, t("timed_out"))));
  const unseen = now.others.filter((c) => !now.moves.some((s) => s.actor === c.nation)).map((c) => nationName(c.nation));
  if (unseen.length) moves.push(el("li", {class: "muted"}, t("unseen", {names: unseen.join(", ")})));
  const changes = [];
  const delta = (label, a, b) => {
    if (whole(a) !== whole(b)) changes.push(el("li", {class: b > a ? "up" : "down"}, label + ": " + whole(a) + " → " + whole(b)));
  };
  delta(t("arms"), before.own.arms, now.own.arms);
  delta(t("approval"), before.own.approval, now.own.approval);
  for (const c of now.others) {
    const p = before.others.find((x) => x.nation === c.nation);
    if (!p) continue;
    delta(t("trust_in", {name: nationName(c.nation)}), p.trust, c.trust);
    delta(t("arms_of", {name: nationName(c.nation)}), p.verified_arms ?? p.believed_arms, c.verified_arms ?? c.believed_arms);
  }
  delta(t("risk_pct"), before.risk * 100, now.risk * 100);
  return el("div", {class: "reveal"},
    el("section", {class: "panel"}, el("h2", {}, t("reveal_title", {turn: now.turn})), el("ul", {class: "list"}, moves)),
    el("section", {class: "panel"}, el("h2", {}, t("news_title")),
      m.news.length ? el("ul", {class: "list"}, m.news.map((n) => el("li", {}, n))) : el("p", {class: "muted"}, t("news_none"))),
    el("section", {class: "panel"}, el("h2", {}, t("changes_title")),
      changes.length ? el("ul", {class: "list changes"}, changes) : el("p", {class: "muted"}, t("changes_none")),
      el("p", {class: "regime"}, t("regime_now", {regime: t("regime_" + now.regime)}))),
    el("div", {class: "end-row"}, el("button", {class: "primary", onclick: () => { page.tab = v.outcome ? "debrief" : "board"; render(); }},
      v.outcome ? t("to_debrief") : t("to_board"))));
}

function history() {
  if (!page.charts) return el("section", {class: "panel"}, el("p", {class: "muted"}, t("charts_loading")));
  const box = el("div", {class: "charts"});
  for (const svg of page.charts) {
    const figure = el("figure", {class: "panel chart"});
    // The SVG is drawn by the host's own chart code from this seat's view.
    figure.innerHTML = svg;
    box.append(figure);
  }
  return box;
}

function debrief(v, m) {
  const d = m.debrief;
  if (!d) return el("section", {class: "panel"}, el("p", {}, t("debrief_wait")));
  return el("div", {class: "debrief"},
    el("section", {class: "panel"}, el("h1", {class: "outcome " + v.outcome}, t("regime_" + v.outcome)), el("p", {}, d.outcome),
      el("p", {class: "muted"}, t("debrief_declassified"))),
    el("section", {class: "panel"}, el("h2", {}, t("points_title")),
      d.points.length ? el("ol", {class: "list points"}, d.points.map(([turn, text, kind]) =>
        el("li", {class: kind}, el("span", {class: "muted"}, t("turn_n", {n: turn}) + " "), text)))
        : el("p", {class: "muted"}, t("points_none"))));
}

// Keys: 1–9 choose a move, E ends the turn, B/R/H switch tabs.
document.addEventListener("keydown", (e) => {
  if (!page.msg || e.ctrlKey || e.metaKey || e.altKey || e.target.tagName === "INPUT") return;
  const v = page.msg.view;
  if (/^[1-9]$/.test(e.key) && page.tab === "board") {
    const option = v.moves[Number(e.key) - 1];
    if (option && !page.msg.done && !page.msg.computer && !v.outcome) send({type: "choose", move_index: option.move_index});
  } else if (e.key === "e" || e.key === "E") {
    const b = document.getElementById("end-turn");
    if (b && !b.disabled) b.click();
  } else if ("brh".includes(e.key.toLowerCase())) {
    page.tab = {b: "board", r: "reveal", h: "history"}[e.key.toLowerCase()];
    if (page.tab === "history" && !page.charts) link.send({type: "charts"});
    render();
  }
});
