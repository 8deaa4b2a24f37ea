// The explorer's filters and clicks: small code over the JSON blob above; every chart is plotly.js.
(function () {
  "use strict";
  const D = JSON.parse(document.getElementById("explorer-data").textContent);
  const E = D.events, DOCS = D.docs, N = E.doc.length;
  const CONFIG = { displaylogo: false, responsive: true };
  const WEBGL_FROM = 3000;
  const GAP_COLOURS = { not_fetched: "rgba(120,120,120,0.18)", short: "rgba(230,140,0,0.22)" };
  // WebGL when the whole warehouse has more timeline points than SVG draws quickly; chosen once,
  // since switching a chart between the two costs seconds
  const TIMELINE_POINTS = new Set(E.member.map((m, i) => m * DOCS.id.length + E.doc[i])).size > WEBGL_FROM
    ? "scattergl" : "scatter";
  const state = {};
  let picked = [];        // indices of the events the filters let through
  let listed = null;      // what the document list shows: {title, test}

  const index = (list, code) => (code === "" ? -1 : list.indexOf(code));
  const quarterOf = (iso) =>
    iso.slice(0, 5) + String(Math.floor((+iso.slice(5, 7) - 1) / 3) * 3 + 1).padStart(2, "0") + "-01";
  const mondayOf = (iso) => {
    const day = new Date(iso + "T00:00:00Z");
    day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
    return day.toISOString().slice(0, 10);
  };
  const memberLabel = (m) => (m.name && m.name !== m.code ? m.code + " " + m.name : m.code);

  function readFilters() {
    state.member = index(D.members.map((m) => m.code), document.getElementById("f-member").value);
    state.goal = index(D.goals.map((g) => g.code), document.getElementById("f-goal").value);
    state.role = index(D.roles, document.getElementById("f-role").value);
    state.source = index(D.sources, document.getElementById("f-source").value);
    state.mode = document.getElementById("f-mode").value;
    state.from = document.getElementById("f-from").value;
    state.to = document.getElementById("f-to").value;
  }

  function passes(i) {
    const doc = E.doc[i], date = DOCS.date[doc];
    if (state.member >= 0 && E.member[i] !== state.member) return false;
    if (state.goal >= 0 && E.goal[i] !== state.goal) return false;
    if (state.role >= 0 && E.role[i] !== state.role) return false;
    if (state.source >= 0 && DOCS.source[doc] !== state.source) return false;
    if (state.mode === "action" && !E.action[i]) return false;
    if (state.mode === "commitment" && !E.commitment[i]) return false;
    if ((state.from || state.to) && !date) return false;  // an undated document lies in no range
    if (state.from && date < state.from) return false;
    if (state.to && date > state.to) return false;
    return true;
  }

  function quarters() {
    let [first, last] = D.span;
    if (state.from && (!first || state.from > first)) first = state.from;
    if (state.to && (!last || state.to < last)) last = state.to;
    const out = [];
    if (!first || !last || first > last) return out;
    let q = quarterOf(first);
    while (q <= last) {
      out.push(q);
      const month = +q.slice(5, 7) + 3;
      q = month > 12 ? (+q.slice(0, 4) + 1) + "-01-01" : q.slice(0, 5) + String(month).padStart(2, "0") + "-01";
    }
    return out;
  }

  function xRange() {
    const lo = state.from || D.span[0], hi = state.to || D.span[1];
    // from the quarter's first day: the activity chart puts a quarter's count there
    return lo && hi ? [quarterOf(lo), hi] : undefined;
  }

  function gapShapes() {
    return D.gaps
      .filter((g) => state.source < 0 || g.source === D.sources[state.source])
      .map((g) => ({
        type: "rect", xref: "x", yref: "paper", x0: g.start, x1: g.end, y0: 0, y1: 1,
        fillcolor: GAP_COLOURS[g.kind], line: { width: 0 }, layer: "below",
      }));
  }

  function drawActivity() {
    const qs = quarters(), at = new Map(qs.map((q, n) => [q, n]));
    const counts = D.goals.map(() => qs.map(() => new Set()));
    for (const i of picked) {
      const date = DOCS.date[E.doc[i]];
      if (!date) continue;
      const n = at.get(quarterOf(date));
      if (n !== undefined) counts[E.goal[i]][n].add(E.doc[i]);
    }
    const traces = D.goals
      .map((g, k) => ({
        type: "scatter", mode: "lines+markers", name: g.name, x: qs, y: counts[k].map((s) => s.size),
        customdata: qs.map((q) => [k, q]), hovertemplate: g.name + " %{x|%Y Q%q}: %{y} documents<extra></extra>",
      }))
      .filter((t, k) => state.goal < 0 || k === state.goal);
    Plotly.react("activity", traces, {
      height: 380, margin: { t: 20, r: 20, b: 40, l: 50 }, shapes: gapShapes(),
      xaxis: { type: "date", range: xRange() }, yaxis: { title: { text: "documents" }, rangemode: "tozero" },
      legend: { orientation: "h" },
    }, CONFIG);
  }

  function drawMatrix() {
    const cells = D.members.map(() => D.goals.map(() => new Set()));
    for (const i of picked) cells[E.member[i]][E.goal[i]].add(E.doc[i]);
    const z = cells.map((row) => row.map((s) => s.size));
    Plotly.react("matrix", [{
      type: "heatmap", z: z, x: D.goals.map((g) => g.name), y: D.members.map(memberLabel),
      customdata: D.members.map((m, r) => D.goals.map((g, c) => [r, c])),
      // no count printed in each cell: plotly's cell text costs more than the rest of the chart (hover shows it)
      // zero white, any document at least pale blue: one document must show beside thirty
      colorscale: [[0, "#ffffff"], [1e-6, "#c6dbef"], [1, "#08306b"]], zmin: 0, hoverongaps: false,
      hovertemplate: "%{y}, %{x}: %{z} documents<extra></extra>",
    }], {
      height: 120 + 22 * D.members.length, margin: { t: 20, r: 20, b: 40, l: 180 },
      yaxis: { autorange: "reversed", type: "category" }, xaxis: { side: "top", type: "category" },
    }, CONFIG);
  }

  function timelineMembers() {
    const seen = new Set(E.member);
    return D.members.map((m, k) => k).filter((k) => seen.has(k));
  }

  const band = () => ({ x: [], y: [], base: [] });

  function span(bars, row, from, to) {
    bars.y.push(row);
    bars.base.push(from);
    bars.x.push(Date.parse(to) - Date.parse(from));  // a bar's length on a date axis: milliseconds
  }

  function drawTimeline() {
    // Rows are numbers with the members' names as tick labels: tens of thousands of points then
    // need no lookup of a category each.
    const rows = timelineMembers(), label = rows.map((k) => memberLabel(D.members[k]));
    const rowOf = new Map(rows.map((k, row) => [k, row])), docs = DOCS.id.length;
    const points = new Map();  // member * docs + doc -> acted?
    for (const i of picked) {
      if (!DOCS.date[E.doc[i]]) continue;
      const key = E.member[i] * docs + E.doc[i];
      points.set(key, points.get(key) || Boolean(E.action[i]));
    }
    const acted = { x: [], y: [], customdata: [], text: [] }, pledged = { x: [], y: [], customdata: [], text: [] };
    for (const [key, action] of points) {
      const member = Math.floor(key / docs), doc = key % docs, into = action ? acted : pledged;
      into.x.push(DOCS.date[doc]);
      into.y.push(rowOf.get(member));
      into.customdata.push([member, doc]);
      into.text.push(label[rowOf.get(member)]);
    }
    // Membership as horizontal bars (one trace each, not one shape per row: fewer things to redraw)
    const [first, last] = D.span, outside = band(), unknown = band(), joined = { x: [], y: [] };
    rows.forEach((k, row) => {
      const m = D.members[k];
      if (!m.joined) {
        span(unknown, row, first, last);
        return;
      }
      if (first && m.joined > first) span(outside, row, first, m.joined);
      if (m.left && last && m.left < last) span(outside, row, m.left, last);
      joined.x.push(m.joined);
      joined.y.push(row);
    });
    const marker = (symbol) => ({ symbol: symbol, size: 9, color: "#1f5fa8", line: { color: "#1f5fa8", width: 1.5 } });
    Plotly.react("timeline", [
      { type: TIMELINE_POINTS, mode: "markers", name: "action", ...acted, marker: marker("circle"),
        hovertemplate: "%{text}: action, %{x}<extra></extra>" },
      { type: TIMELINE_POINTS, mode: "markers", name: "commitment only", ...pledged, marker: marker("circle-open"),
        hovertemplate: "%{text}: commitment, %{x}<extra></extra>" },
      { type: "bar", orientation: "h", name: "not a member", ...outside, marker: { color: "rgba(0,0,0,0.12)" },
        hoverinfo: "skip", width: 0.9 },
      { type: "bar", orientation: "h", name: "join date unknown", ...unknown,
        marker: { color: "rgba(255,220,90,0.35)" }, hoverinfo: "skip", width: 0.9 },
      { type: "scatter", mode: "markers", name: "joined", ...joined, hoverinfo: "skip",
        marker: { symbol: "line-ns", size: 16, line: { color: "#c0392b", width: 2 } } },
    ], {
      height: 120 + 26 * rows.length, margin: { t: 20, r: 20, b: 40, l: 180 }, shapes: gapShapes(),
      barmode: "overlay",
      xaxis: { type: "date", range: xRange() },
      yaxis: { tickmode: "array", tickvals: rows.map((k, row) => row), ticktext: label,
               range: [rows.length - 0.5, -0.5], zeroline: false, showgrid: false },
      legend: { orientation: "h" }, hovermode: "closest",
    }, CONFIG);
  }


  let coverageDrawn = null;

  function drawCoverage() {
    // only the source and the dates change this chart: redrawing its bars costs more than the rest
    const key = [state.source, state.from, state.to].join("|");
    if (key === coverageDrawn) return;
    coverageDrawn = key;
    const traces = D.sources
      .filter((s, k) => state.source < 0 || k === state.source)
      .map((s) => ({ type: "bar", name: s, x: D.fetched.weeks, y: D.fetched.counts[s],
                     customdata: D.fetched.weeks.map((week) => [D.sources.indexOf(s), week]),
                     hovertemplate: s + ", week of %{x}: %{y} fetched<extra></extra>" }));
    Plotly.react("coverage", traces, {
      height: 300, barmode: "stack", margin: { t: 20, r: 20, b: 40, l: 50 }, shapes: gapShapes(),
      xaxis: { type: "date", range: xRange() }, yaxis: { title: { text: "documents fetched per week" } },
      legend: { orientation: "h" },
    }, CONFIG);
  }

  function showAccuracy() {
    const notes = D.accuracy.notes, mode = state.mode ? [notes["mode:" + state.mode]] : [];
    const goals = (state.goal >= 0 ? [D.goals[state.goal]] : D.goals).map((g) => notes["goal:" + g.code]);
    fill("acc-activity", [...goals, ...mode, D.accuracy.method]);
    fill("acc-matrix", [notes.members, ...(state.goal >= 0 ? goals : [notes.events]), ...mode]);
    fill("acc-timeline", [notes.members, ...(state.goal >= 0 ? goals : [notes.events]), ...mode]);
  }

  function fill(id, lines) {
    const box = document.getElementById(id);
    box.replaceChildren(...lines.filter(Boolean).map((line) => {
      const p = document.createElement("p");
      p.textContent = line;
      return p;
    }));
  }

  function sentence(i) {
    const text = D.sentences[E.sentence[i]], cell = document.createElement("td");
    const marks = [[E.ms[i], E.me[i], "member"], [E.gs[i], E.ge[i], "goal"]]
      .filter(([a, b]) => a !== null && b !== null && a < b && b <= text.length)
      .sort((a, b) => a[0] - b[0]);
    let at = 0;
    for (const [start, end, kind] of marks) {
      if (start < at) continue;  // overlapping words: the first highlight wins
      cell.append(text.slice(at, start));
      const mark = document.createElement("mark");
      mark.className = kind;
      mark.textContent = text.slice(start, end);
      cell.append(mark);
      at = end;
    }
    cell.append(text.slice(at));
    cell.className = "evidence";
    return cell;
  }

  function showDocuments() {
    const body = document.querySelector("#documents tbody");
    if (!listed) return;
    const first = new Map();
    for (const i of picked) if (listed.test(i) && !first.has(E.doc[i])) first.set(E.doc[i], i);
    const order = [...first.keys()].sort((a, b) =>
      (DOCS.date[a] || "9999") < (DOCS.date[b] || "9999") ? -1
        : (DOCS.date[a] || "9999") > (DOCS.date[b] || "9999") ? 1 : DOCS.id[a] < DOCS.id[b] ? -1 : 1);
    body.replaceChildren(...order.map((doc) => {
      const row = document.createElement("tr"), link = document.createElement("a");
      row.dataset.docId = DOCS.id[doc];
      const date = document.createElement("td"), source = document.createElement("td"), title = document.createElement("td");
      date.textContent = DOCS.date[doc] || "undated";
      source.textContent = D.sources[DOCS.source[doc]];
      link.textContent = DOCS.title[doc];
      if (DOCS.url[doc]) link.href = DOCS.url[doc];
      title.append(link);
      row.append(date, source, title, sentence(first.get(doc)));
      return row;
    }));
    document.getElementById("documents-what").textContent = listed.title + ": " + order.length + " documents";
  }

  function list(title, test) {
    listed = { title: title, test: test };
    showDocuments();
    document.getElementById("documents-section").scrollIntoView({ block: "nearest" });
  }

  // A filter change redraws the charts in view at once and marks the others stale (data-stale on
  // their element); each is redrawn when it scrolls into view, or before the page is printed. A
  // chart costs plotly 25-150 ms to redraw, so redrawing all four at every change made a filter
  // answer in 200-300 ms on a large warehouse.
  const CHARTS = { activity: drawActivity, matrix: drawMatrix, timeline: drawTimeline, coverage: drawCoverage };
  const inView = new Set();
  const drawTimes = [];   // ms of each chart drawn on scrolling to it, read by bench/report_size.py

  function draw(name) {
    const element = document.getElementById(name), at = performance.now();
    CHARTS[name]();
    delete element.dataset.stale;
    return performance.now() - at;
  }

  function drawStale() {
    for (const name of Object.keys(CHARTS)) if (document.getElementById(name).dataset.stale) draw(name);
  }

  const watcher = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      const name = entry.target.id;
      if (!entry.isIntersecting) {
        inView.delete(name);
        continue;
      }
      inView.add(name);
      if (entry.target.dataset.stale) {
        drawTimes.push(draw(name));
        document.body.dataset.scrollDrawMs = JSON.stringify(drawTimes);
      }
    }
  });

  function render(everything) {
    const started = performance.now();
    readFilters();
    picked = [];
    for (let i = 0; i < N; i++) if (passes(i)) picked.push(i);
    const parts = { filter: performance.now() - started };
    for (const name of Object.keys(CHARTS)) {
      if (everything || inView.has(name)) parts[name] = draw(name);
      else document.getElementById(name).dataset.stale = "1";
    }
    for (const [name, step] of [["accuracy", showAccuracy], ["documents", showDocuments]]) {
      const at = performance.now();
      step();
      parts[name] = performance.now() - at;
    }
    // read by bench/report_size.py: where a filter's time goes
    document.body.dataset.renderParts = JSON.stringify(parts);
    document.body.dataset.renderMs = (performance.now() - started).toFixed(1);
  }

  render(true);
  Object.keys(CHARTS).forEach((name) => watcher.observe(document.getElementById(name)));
  window.addEventListener("beforeprint", drawStale);
  window.explorerDrawStale = drawStale;  // for a full-page picture of a filtered page
  document.querySelectorAll("#filters select, #filters input").forEach((el) => el.addEventListener("change", () => render(false)));
  document.getElementById("activity").on("plotly_click", (ev) => {
    const [goal, quarter] = ev.points[0].customdata;
    list(D.goals[goal].name + ", quarter from " + quarter,
         (i) => E.goal[i] === goal && DOCS.date[E.doc[i]] !== null && quarterOf(DOCS.date[E.doc[i]]) === quarter);
  });
  document.getElementById("matrix").on("plotly_click", (ev) => {
    const [member, goal] = ev.points[0].customdata;
    list(memberLabel(D.members[member]) + ", " + D.goals[goal].name,
         (i) => E.member[i] === member && E.goal[i] === goal);
  });
  document.getElementById("coverage").on("plotly_click", (ev) => {
    const [source, week] = ev.points[0].customdata;
    list(D.sources[source] + ", week of " + week + " (relevant documents with an event)",
         (i) => DOCS.source[E.doc[i]] === source && DOCS.date[E.doc[i]] !== null && mondayOf(DOCS.date[E.doc[i]]) === week);
  });
  document.getElementById("timeline").on("plotly_click", (ev) => {
    const point = ev.points.find((p) => p.customdata);
    if (!point) return;
    const [member, doc] = point.customdata;
    list(memberLabel(D.members[member]) + ", " + DOCS.date[doc], (i) => E.member[i] === member && E.doc[i] === doc);
  });
})();
