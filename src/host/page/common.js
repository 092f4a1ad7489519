// What both pages share: the text table's lookup, building elements, the socket to the host
// (reconnecting by itself), and short notices.
"use strict";

const PROTOCOL = 1;

// The text for `key` from the one table (text.js), with {name}s filled in from `args`.
function t(key, args) {
  let s = TEXT[key];
  if (s === undefined) { console.warn("no text for", key); s = key; }
  if (args) for (const k in args) s = s.split("{" + k + "}").join(String(args[k]));
  return s;
}

// An element: el("div", {class: "x", onclick: f}, child, "text", …). Text is never HTML.
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k === "class") e.className = v;
    else if (v === true) e.setAttribute(k, "");
    else e.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }

// A notice in the corner that goes by itself.
function toast(text, kind) {
  const box = document.getElementById("toasts");
  const n = el("div", {class: "toast " + (kind || "")}, text);
  box.append(n);
  setTimeout(() => n.remove(), 6000);
}

function banner(text, kind) {
  const b = document.getElementById("banner");
  if (!text) { b.hidden = true; return; }
  b.hidden = false;
  b.className = "banner " + (kind || "");
  b.textContent = text;
}

// The socket to the host. `onOpen()` runs on every (re)connection, `onMessage(m)` for each
// message; the link indicator says whether the host is reachable. Reconnects with backoff.
function Link(onOpen, onMessage) {
  const self = {socket: null, delay: 500, ever: false};
  const indicator = document.getElementById("link");
  function show(state) {
    indicator.className = "link " + state;
    indicator.textContent = t("link_" + state);
  }
  function connect() {
    show(self.ever ? "reconnecting" : "connecting");
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    const s = new WebSocket(scheme + location.host + "/ws");
    self.socket = s;
    s.onopen = () => {
      self.delay = 500;
      if (self.ever) toast(t("link_back"), "good");
      self.ever = true;
      show("online");
      onOpen();
    };
    s.onmessage = (e) => {
      let m;
      try { m = JSON.parse(e.data); } catch (_) { return; }
      onMessage(m);
    };
    s.onclose = () => {
      if (self.socket !== s) return;
      show("offline");
      setTimeout(connect, self.delay);
      self.delay = Math.min(self.delay * 2, 5000);
    };
  }
  self.send = (m) => {
    if (self.socket && self.socket.readyState === WebSocket.OPEN) {
      self.socket.send(JSON.stringify(m));
      return true;
    }
    toast(t("link_not_sent"), "bad");
    return false;
  };
  connect();
  return self;
}

// The words for a protocol error from the host.
function errorText(error) {
  const key = "error_" + error.kind;
  return TEXT[key] ? t(key, error) : error.kind;
}

function percent(x) { return Math.round(x * 100) + "%"; }
function whole(x) { return Math.round(x); }
// A strategy's name as `detente strategies` lists it, in words: "tit for tat".
function strategyName(id) { return id.replace(/_/g, " "); }
