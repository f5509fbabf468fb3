// skillpulse dashboard: a thin page over the REST API (/v1). Every figure on screen is a
// field of an API answer; every chart is the report's Vega-Lite spec for that answer
// (format=vega-lite). The view's state lives in the URL's query string. Wrapped in a
// function: the vega bundle declares global names (such as `$`) of its own.
(function () {
"use strict";

const KEYS = ["kind", "period", "base", "current", "category", "segment", "skill", "survey", "question"];
const state = {};
const $ = (id) => document.getElementById(id);
let statusData = null;

function readState() {
  const q = new URLSearchParams(location.search);
  for (const k of KEYS) state[k] = q.get(k) || "";
  if (!state.kind) state.kind = "postings";
}

function writeState(push) {
  const q = new URLSearchParams();
  for (const k of KEYS) if (state[k]) q.set(k, state[k]);
  const url = "?" + q.toString();
  if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
}

function qs(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === "") continue;
    if (Array.isArray(v)) v.forEach((x) => q.append(k, x)); else q.set(k, v);
  }
  return q.toString();
}

function say(text) { $("message").textContent = text || ""; }

async function api(path, params) {
  const url = "/v1/" + path + (params ? "?" + qs(params) : "");
  const r = await fetch(url);
  const body = await r.json();
  if (!r.ok) {
    const detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
    say(`${path}: ${detail}`);
    return null;
  }
  return body;
}

function csvLink(id, path, params) {
  $(id).href = "/v1/" + path + "?" + qs({...params, format: "csv"});
}

async function chart(id, path, params) {
  const node = $(id);
  node.textContent = "";
  const spec = await api(path, {...params, format: "vega-lite"});
  if (spec) await vegaEmbed(node, spec, {actions: false, renderer: "svg"});
}

const pct = (v) => (v === null || v === undefined ? "" : (100 * v).toFixed(2) + "%");
const num = (v) => (v === null || v === undefined ? "" : String(v));
const ratio = (v) => (v === null || v === undefined ? "" : v.toPrecision(3));
const interval = (lo, hi, f) => (lo === null || lo === undefined ? "" : `${f(lo)}–${hi === null ? "∞" : f(hi)}`);

function skillLink(id, label) {
  const a = document.createElement("a");
  a.href = "?" + qs({...state, skill: id});
  a.textContent = label;
  a.className = "skill";
  a.dataset.skill = id;
  a.addEventListener("click", (e) => { e.preventDefault(); openSkill(id); });
  return a;
}

function fill(tableId, rows, cells) {
  const body = $(tableId).tBodies[0];
  body.textContent = "";
  for (const row of rows) {
    const tr = body.insertRow();
    for (const c of cells(row)) {
      const td = tr.insertCell();
      if (c instanceof Node) td.appendChild(c); else td.textContent = c;
    }
  }
}

function where() { return state.segment ? [state.segment] : []; }

function quarters(first, last) {
  const out = [];
  if (!first || !last) return out;
  let y = +first.slice(0, 4), q = Math.floor((+first.slice(5, 7) - 1) / 3) + 1;
  const ly = +last.slice(0, 4), lq = Math.floor((+last.slice(5, 7) - 1) / 3) + 1;
  while (y < ly || (y === ly && q <= lq)) {
    out.push(`${y}Q${q}`);
    q += 1; if (q === 5) { q = 1; y += 1; }
  }
  return out;
}

function options(select, values, chosen, labels) {
  select.textContent = "";
  for (const v of values) {
    const o = document.createElement("option");
    o.value = v; o.textContent = labels ? labels(v) : v;
    select.appendChild(o);
  }
  if (values.includes(chosen)) select.value = chosen;
  return select.value;
}

async function setupPeriods() {
  const k = statusData.kinds[state.kind];
  const qs_ = quarters(k.first, k.last);
  if (!qs_.length) { say(`no ${state.kind} in the store`); return; }
  const last = qs_[qs_.length - 1];
  state.period = options($("period"), qs_, state.period || last);
  state.current = options($("current"), qs_, state.current || last);
  const back = qs_[Math.max(0, qs_.indexOf(state.current) - 4)] || qs_[0];
  state.base = options($("base"), qs_, state.base || back);
}

async function setupSegments() {
  const seg = await api("segments", {kind: state.kind});
  const values = [""];
  if (seg) for (const [f, vals] of Object.entries(seg.fields)) for (const v of vals) values.push(`${f}=${v.value}`);
  state.segment = options($("segment"), values, state.segment, (v) => v || "everyone");
}

async function renderTop() {
  const p = {kind: state.kind, period: state.period, category: state.category, n: 10, where: where()};
  csvLink("top-csv", "top", p);
  const res = await api("top", p);
  if (!res) return;
  $("top-sub").textContent = `${res.kind} in ${res.period}: ${res.exposure} documents`;
  fill("top-table", res.rows, (r) => [num(r.rank), skillLink(r.skill_id, r.label), num(r.count), pct(r.share), interval(r.share_low, r.share_high, pct)]);
  if (res.rows.length) await chart("top-chart", "top", p); else $("top-chart").textContent = "";
}

async function renderGrowth() {
  const p = {kind: state.kind, base: state.base, current: state.current, category: state.category, n: 10, where: where()};
  csvLink("growth-csv", "growth", p);
  if (state.base >= state.current) {
    $("growth-sub").textContent = "choose a base period before the current one";
    fill("growth-table", [], () => []); fill("breakout-table", [], () => []);
    $("growth-chart").textContent = "";
    return;
  }
  const res = await api("growth", p);
  if (!res) return;
  $("growth-sub").textContent = `${res.kind}, ${res.base} to ${res.current}, ranked by the interval's lower bound`;
  fill("growth-table", res.rows, (r) => [num(r.rank), skillLink(r.skill_id, r.label), num(r.base_count), num(r.current_count), ratio(r.rate_ratio), interval(r.ratio_low, r.ratio_high, ratio)]);
  fill("breakout-table", res.breakouts, (r) => [skillLink(r.skill_id, r.label), num(r.base_count), num(r.current_count)]);
  if (res.rows.length || res.breakouts.length) await chart("growth-chart", "growth", p); else $("growth-chart").textContent = "";
}

async function renderShare() {
  if (!["postings", "searches"].includes(state.kind)) {
    $("share-sub").textContent = "monthly shares are drawn for postings and searches";
    $("share-chart").textContent = ""; return;
  }
  const category = state.category || "generative-ai";
  const p = {kind: state.kind, category, by: "month", where: where()};
  csvLink("share-csv", "share", p);
  const res = await api("share", p);
  if (!res) return;
  const last = res.rows[res.rows.length - 1];
  $("share-sub").textContent = last ? `${category} in ${state.kind}; ${last.period}: ${pct(last.share)} (${interval(last.share_low, last.share_high, pct)})` : "no data";
  if (res.rows.length) await chart("share-chart", "share", p);
}

async function renderSurvey() {
  const list = await api("surveys");
  const names = list ? list.surveys.map((s) => s.name) : [];
  if (!names.length) { $("survey-sub").textContent = "no survey in the store"; return; }
  state.survey = options($("survey"), names, state.survey || names[0]);
  const qs_ = await api("survey/questions", {name: state.survey, "max-answers": 0});
  if (!qs_) return;
  const usable = qs_.questions.filter((q) => q.distinct_answers <= 50).map((q) => q.question);
  if (!usable.length) return;
  state.question = options($("question"), usable, state.question || usable[0]);
  const p = {name: state.survey, question: state.question};
  csvLink("survey-csv", "survey/share", p);
  const res = await api("survey/share", p);
  if (!res) return;
  $("survey-sub").textContent = `${res.base} respondents answered`;
  fill("survey-table", res.rows, (r) => [r.answer, num(r.count), pct(r.share), interval(r.share_low, r.share_high, pct)]);
}

async function renderSkill() {
  const id = state.skill;
  const card = await api("skills/" + encodeURIComponent(id));
  if (!card) return;
  $("skill-label").textContent = card.label;
  const parent = card.parent && card.parent.label ? `; parent: ${card.parent.label}` : "";
  $("skill-meta").textContent = `${card.id} · ${card.category || "no category"}${parent} · sources: ${card.sources.map((s) => s.source).join(", ")}`;
  $("skill-description").textContent = card.description || "";
  $("skill-roles").textContent = card.roles.length ? "roles: " + card.roles.slice(0, 12).join(", ") : "";
  csvLink("skill-csv", "skills/" + encodeURIComponent(id), {});
  fill("trend-table", Object.entries(card.trend), ([kind, res]) => {
    const docs = res.rows.reduce((a, r) => a + r.count, 0);
    const last = res.rows[res.rows.length - 1];
    return [kind, num(res.rows.length), num(docs), last ? pct(last.share) : ""];
  });
  await chart("skill-chart", "skills/" + encodeURIComponent(id), {});
  const rp = {skill: id, kind: "postings", period: state.period, n: 10, "min-count": 2};
  csvLink("related-csv", "related", rp);
  const rel = await api("related", rp);
  if (rel) {
    $("related-sub").textContent = `postings of ${rel.period}: ${rel.skill_count} mention ${rel.label}`;
    fill("related-table", rel.rows, (r) => [skillLink(r.skill_id, r.label), num(r.co_count), ratio(r.lift)]);
  }
  const gap = await api("gap", {period: state.period, n: 1000, "min-count": 0});
  if (gap) {
    const row = gap.rows.find((r) => r.skill_id === id);
    $("gap-sub").textContent = `${gap.period}: demand (postings + searches) share over supply (profiles) share`;
    fill("gap-table", row ? [row] : [], (r) => [num(r.demand_count), num(r.supply_count), ratio(r.ratio), interval(r.ratio_low, r.ratio_high, ratio)]);
  }
}

async function render() {
  say("");
  for (const k of ["kind", "period", "base", "current", "category", "segment"]) $(k).value = state[k];
  const onSkill = Boolean(state.skill);
  $("overview").hidden = onSkill;
  $("skill-page").hidden = !onSkill;
  document.body.dataset.ready = "0";
  if (onSkill) await renderSkill();
  else await Promise.all([renderTop(), renderGrowth(), renderShare(), renderSurvey()]);
  writeState(false);
  document.body.dataset.ready = "1";
}

function openSkill(id) {
  state.skill = id;
  writeState(true);
  render();
}

async function changed(ev) {
  document.body.dataset.ready = "0";
  state[ev.target.id] = ev.target.value;
  if (ev.target.id === "kind") {
    state.segment = "";
    await setupPeriods();
    await setupSegments();
  }
  if (ev.target.id === "survey") state.question = "";
  writeState(true);
  await render();
}

async function searchSkills() {
  const text = $("search").value.trim();
  const hit = [...$("search-hits").options].find((o) => o.value === text);
  if (hit) { openSkill(hit.dataset.id); return; }
  if (text.length < 2) return;
  const hits = await api("skills", {search: text, limit: 10});
  $("search-hits").textContent = "";
  for (const h of hits || []) {
    const o = document.createElement("option");
    o.value = `${h.label} (${h.concept_id})`; o.dataset.id = h.concept_id;
    $("search-hits").appendChild(o);
  }
}

async function main() {
  readState();
  statusData = await api("status");
  const cats = await api("categories");
  if (!statusData || !cats) return;
  const names = cats.categories.map((c) => c.category).filter((c) => c !== "(none)");
  options($("category"), ["", ...names], state.category, (v) => v || "all skills");
  state.category = $("category").value;
  $("kind").value = state.kind;
  await setupPeriods();
  await setupSegments();
  for (const id of ["kind", "period", "base", "current", "category", "segment", "survey", "question"]) {
    $(id).addEventListener("change", changed);
  }
  $("search").addEventListener("input", searchSkills);
  $("home").addEventListener("click", (e) => { e.preventDefault(); state.skill = ""; writeState(true); render(); });
  window.addEventListener("popstate", () => { readState(); render(); });
  await render();
}

main();
})();
