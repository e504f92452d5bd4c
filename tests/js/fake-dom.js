"use strict";
/* A small stand-in for the browser's DOM, enough to run the tools' view scripts under Node:
 * elements and text nodes, attributes, classes, events, focus, a table's tBodies and a row's
 * cells, and querySelector(All) for compound selectors of a tag, .classes, #id, [attr],
 * [attr=value] and :not(...), joined by descendant (" ") and child (">") combinators, with
 * :scope first (combinators are matched inside the element queried only). The
 * scripts run as the browser runs them (classic scripts sharing one global, the window) in
 * a vm context. Not a test file: the tests require it. */
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const SCRIPTS = path.join(__dirname, "..", "..", "overrides", "assets", "javascripts");

class Text {
  constructor(data) {
    this.nodeType = 3;
    this.data = String(data);
    this.parentNode = null;
  }
  get textContent() {
    return this.data;
  }
  remove() {
    if (this.parentNode) this.parentNode.removeChild(this);
  }
}

/* One simple selector (no combinators): {tag, id, classes, attrs: [[name, value|null]], not: [selector]}. */
function parse(selector) {
  const out = { tag: null, id: null, classes: [], attrs: [], not: [] };
  let rest = selector.trim();
  const take = (re) => {
    const m = rest.match(re);
    if (m) rest = rest.slice(m[0].length);
    return m;
  };
  let m;
  if ((m = take(/^[a-zA-Z][a-zA-Z0-9-]*/))) out.tag = m[0].toUpperCase();
  while (rest) {
    if ((m = take(/^\.([\w-]+)/))) out.classes.push(m[1]);
    else if ((m = take(/^#([\w-]+)/))) out.id = m[1];
    else if ((m = take(/^\[([\w-]+)(?:=(?:"([^"]*)"|'([^']*)'|([^\]]*)))?\]/))) {
      const value = m[2] !== undefined ? m[2] : m[3] !== undefined ? m[3] : m[4] !== undefined ? m[4] : null;
      out.attrs.push([m[1], value]);
    } else if ((m = take(/^:not\(([^)]*\]?)\)/))) out.not.push(parse(m[1]));
    else throw new Error("fake-dom: selector not understood: " + selector);
  }
  return out;
}

/* A selector's compound parts and the combinator before each: [{combinator, text}]; ":scope"
 * as the first part is kept as its text. Brackets, parentheses and quotes are not split. */
function steps(selector) {
  const out = [];
  let text = "";
  let combinator = " ";
  let depth = 0;
  let quote = null;
  const end = () => {
    if (text) out.push({ combinator: combinator, text: text });
    text = "";
  };
  for (const c of selector.trim()) {
    if (quote) {
      if (c === quote) quote = null;
      text += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      text += c;
    } else if (c === "[" || c === "(") {
      depth += 1;
      text += c;
    } else if (c === "]" || c === ")") {
      depth -= 1;
      text += c;
    } else if (depth === 0 && (c === ">" || /\s/.test(c))) {
      if (text) {
        end();
        combinator = " ";
      }
      if (c === ">") combinator = ">";
    } else text += c;
  }
  end();
  return out;
}

function matches(node, s) {
  if (s.tag && node.tagName !== s.tag) return false;
  if (s.id && node.getAttribute("id") !== s.id) return false;
  if (s.classes.some((c) => !node.classList.contains(c))) return false;
  for (const [name, value] of s.attrs) {
    if (!node.hasAttribute(name)) return false;
    if (value !== null && node.getAttribute(name) !== value) return false;
  }
  return !s.not.some((n) => matches(node, n));
}

class Element {
  constructor(tag, doc) {
    this.nodeType = 1;
    this.tagName = tag.toUpperCase();
    this.ownerDocument = doc;
    this.parentNode = null;
    this.childNodes = [];
    this.attrs = new Map();
    this.listeners = new Map();
    this.value = "";
    this.checked = false;
    this.disabled = false;
    this.open = false;
    const self = this;
    this.classList = {
      list: () => (self.getAttribute("class") || "").split(/\s+/).filter(Boolean),
      contains: (c) => self.classList.list().includes(c),
      add: (...names) => self.setAttribute("class", [...new Set(self.classList.list().concat(names))].join(" ")),
      remove: (...names) => self.setAttribute("class", self.classList.list().filter((c) => !names.includes(c)).join(" ")),
      toggle: (c, on) => {
        const want = on === undefined ? !self.classList.contains(c) : Boolean(on);
        if (want) self.classList.add(c);
        else self.classList.remove(c);
        return want;
      },
    };
  }
  get children() {
    return this.childNodes.filter((n) => n.nodeType === 1);
  }
  get firstChild() {
    return this.childNodes[0] || null;
  }
  get lastChild() {
    return this.childNodes[this.childNodes.length - 1] || null;
  }
  get nextElementSibling() {
    if (!this.parentNode) return null;
    const siblings = this.parentNode.children;
    return siblings[siblings.indexOf(this) + 1] || null;
  }
  get tBodies() {
    return this.tagName === "TABLE" ? this.children.filter((n) => n.tagName === "TBODY") : undefined;
  }
  get cells() {
    return this.tagName === "TR" ? this.children.filter((n) => n.tagName === "TD" || n.tagName === "TH") : undefined;
  }
  get nextSibling() {
    if (!this.parentNode) return null;
    const siblings = this.parentNode.childNodes;
    return siblings[siblings.indexOf(this) + 1] || null;
  }
  get textContent() {
    return this.childNodes.map((n) => n.textContent).join("");
  }
  set textContent(value) {
    this.childNodes.forEach((n) => (n.parentNode = null));
    this.childNodes = value === "" || value === null || value === undefined ? [] : [new Text(value)];
    this.childNodes.forEach((n) => (n.parentNode = this));
  }
  get className() {
    return this.getAttribute("class") || "";
  }
  set className(value) {
    this.setAttribute("class", value);
  }
  get id() {
    return this.getAttribute("id") || "";
  }
  set id(value) {
    this.setAttribute("id", value);
  }
  get hidden() {
    return this.hasAttribute("hidden");
  }
  set hidden(on) {
    if (on) this.setAttribute("hidden", "");
    else this.removeAttribute("hidden");
  }
  setAttribute(name, value) {
    this.attrs.set(name, String(value));
  }
  getAttribute(name) {
    return this.attrs.has(name) ? this.attrs.get(name) : null;
  }
  hasAttribute(name) {
    return this.attrs.has(name);
  }
  removeAttribute(name) {
    this.attrs.delete(name);
  }
  appendChild(child) {
    return this.insertBefore(child, null);
  }
  insertBefore(child, before) {
    if (child.parentNode) child.parentNode.removeChild(child);
    const at = before ? this.childNodes.indexOf(before) : -1;
    if (at < 0) this.childNodes.push(child);
    else this.childNodes.splice(at, 0, child);
    child.parentNode = this;
    return child;
  }
  removeChild(child) {
    this.childNodes = this.childNodes.filter((n) => n !== child);
    child.parentNode = null;
    return child;
  }
  remove() {
    if (this.parentNode) this.parentNode.removeChild(this);
  }
  contains(node) {
    for (let n = node; n; n = n.parentNode) if (n === this) return true;
    return false;
  }
  descendants() {
    return this.children.flatMap((child) => [child].concat(child.descendants()));
  }
  querySelectorAll(selector) {
    const found = new Set();
    selector.split(",").forEach((alternative) => {
      let current = [this];
      steps(alternative).forEach((step, index) => {
        if (index === 0 && step.text === ":scope") return;
        const s = parse(step.text);
        const reach = (n) => (step.combinator === ">" ? n.children : n.descendants());
        current = [...new Set(current.flatMap(reach))].filter((n) => matches(n, s));
      });
      current.forEach((n) => n !== this && found.add(n));
    });
    return this.descendants().filter((n) => found.has(n));
  }
  querySelector(selector) {
    return this.querySelectorAll(selector)[0] || null;
  }
  addEventListener(type, handler) {
    if (!this.listeners.has(type)) this.listeners.set(type, []);
    this.listeners.get(type).push(handler);
  }
  removeEventListener(type, handler) {
    this.listeners.set(type, (this.listeners.get(type) || []).filter((h) => h !== handler));
  }
  /* Fire an event of this type (with these fields) at this element only. */
  dispatch(type, fields) {
    const event = Object.assign({ type: type, target: this, defaultPrevented: false }, fields || {});
    event.preventDefault = () => (event.defaultPrevented = true);
    (this.listeners.get(type) || []).slice().forEach((handler) => handler(event));
    return event;
  }
  click() {
    if (this.tagName === "INPUT" && this.getAttribute("type") === "checkbox") {
      this.checked = !this.checked;
      this.dispatch("click");
      this.dispatch("change");
      return;
    }
    this.dispatch("click");
  }
  focus() {
    this.ownerDocument.activeElement = this;
  }
  select() {}
  scrollIntoView() {}
}

class FakeStorage {
  constructor() {
    this.items = new Map();
  }
  getItem(key) {
    return this.items.has(key) ? this.items.get(key) : null;
  }
  setItem(key, value) {
    this.items.set(key, String(value));
  }
  removeItem(key) {
    this.items.delete(key);
  }
}

/* A page: a window (the scripts' global) with a document, localStorage and location; the
 * scripts named are run in it in order, as <script> elements would run them. t: the words
 * every script reads through Reflect.t (by default the string's name and its values);
 * globals: more of the window (stand-ins for what a test needs, e.g. FileReader, confirm). */
function page(scripts, options) {
  const opts = options || {};
  const document = {
    readyState: "complete",
    title: opts.title || "",
    currentScript: null,
    activeElement: null,
    addEventListener() {},
    removeEventListener() {},
    createElement: (tag) => new Element(tag, document),
    createTextNode: (text) => new Text(text),
    querySelectorAll: (selector) => document.documentElement.querySelectorAll(selector),
    querySelector: (selector) => document.documentElement.querySelector(selector),
    getElementById: (id) => document.documentElement.querySelector("#" + id),
  };
  document.documentElement = new Element("html", document);
  document.head = document.documentElement.appendChild(new Element("head", document));
  document.body = document.documentElement.appendChild(new Element("body", document));
  const windowListeners = new Map();
  const window = {
    document: document,
    console: console,
    localStorage: opts.localStorage || new FakeStorage(),
    location: { hash: "", href: "http://example.org/page.html" },
    navigator: {},
    matchMedia: () => ({ matches: false }),
    addEventListener(type, handler) {
      if (!windowListeners.has(type)) windowListeners.set(type, []);
      windowListeners.get(type).push(handler);
    },
    removeEventListener(type, handler) {
      windowListeners.set(type, (windowListeners.get(type) || []).filter((h) => h !== handler));
    },
    setTimeout: setTimeout,
    clearTimeout: clearTimeout,
  };
  Object.assign(window, opts.globals || {});
  window.window = window;
  const context = vm.createContext(window);
  scripts.forEach((name) => {
    const file = path.join(SCRIPTS, name);
    vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
    if (name === "reflect-core.js") {
      window.Reflect.t = opts.t || ((key, values) => (values ? key + " " + JSON.stringify(values) : key));
    }
  });
  return { window: window, document: document, Reflect: window.Reflect, storage: window.localStorage };
}

module.exports = { page, FakeStorage };
