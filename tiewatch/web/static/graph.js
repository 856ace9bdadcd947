/* The tie graph: fetch Cytoscape elements from the API and draw them. Every element carries its
   own link (data.href). On the explorer page (data-explorer) a click shows details beside the
   graph, a double-click opens the dossier or the evidence; search, focus, expand, hide kinds, fit
   and saved positions are wired to the controls. Elsewhere (dossier, channels) a click navigates.
   Layouts are deterministic: fcose runs with a seeded random, and positions are kept per view in
   this browser's localStorage, so a graph reads the same on every load. */
(function () {
  "use strict";
  var box = document.getElementById("graph");
  if (!box || typeof cytoscape !== "function") { return; }
  var explorer = box.getAttribute("data-explorer") === "true";
  var status = document.getElementById("graph-status");
  var details = document.getElementById("graph-details");
  var colours = { asserted: "#2f6f9f", hedged: "#c08a1e", denied: "#b3403a", contested: "#7b4fa0" };
  var kinds = { channel: "#3b5b7a", group: "#24476b", person: "#3d7a5c", state: "#6b5a24", place: "#6c6f73", other: "#8a8f96" };
  var storeKey = "tiewatch.layout:" + box.getAttribute("data-src");
  var cy = null;

  function say(text) { if (status) { status.textContent = text; } }
  function edgeColour(e) { return e.data("colour") || colours[e.data("polarity")] || colours.asserted; }
  function go(href) { if (href && href.charAt(0) === "/") { window.location.assign(href); } }

  function seeded(seed) {  /* a small deterministic generator (mulberry32) standing in for Math.random */
    return function () {
      seed = (seed + 0x6D2B79F5) | 0;
      var t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function saved() {
    try { return JSON.parse(window.localStorage.getItem(storeKey) || "{}"); } catch (e) { return {}; }
  }

  function save() {
    var out = {};
    cy.nodes().forEach(function (n) { var p = n.position(); out[n.id()] = [p.x, p.y]; });
    try { window.localStorage.setItem(storeKey, JSON.stringify(out)); } catch (e) { /* full or disabled: positions are not kept */ }
  }

  function layOut(forget) {
    var known = forget ? {} : saved();
    var fixed = [], missing = 0;
    cy.nodes().forEach(function (n) {
      var p = known[n.id()];
      if (p) { n.position({ x: p[0], y: p[1] }); fixed.push({ nodeId: n.id(), position: { x: p[0], y: p[1] } }); } else { missing += 1; }
    });
    if (!missing) { return; }
    var big = cy.nodes().length > 800;
    var options = cy.nodes().length < 2 || typeof cytoscape("layout", "fcose") !== "function"
      ? { name: "grid", padding: 30 }
      : { name: "fcose", quality: "default", randomize: fixed.length === 0, animate: false, padding: 30,
          nodeRepulsion: 9000, idealEdgeLength: 90, numIter: big ? 600 : 2500, fixedNodeConstraint: fixed.length ? fixed : undefined };
    var random = Math.random;
    Math.random = seeded(20160224);
    try { cy.layout(options).run(); } finally { Math.random = random; }
    if (explorer) { save(); }
  }

  var style = [
    { selector: "node", style: {
      "background-color": function (n) { return kinds[n.data("kind")] || kinds.other; },
      "label": "data(label)", "width": "data(size)", "height": "data(size)",
      "font-size": 11, "color": "#1d232a", "text-valign": "bottom", "text-margin-y": 4, "min-zoomed-font-size": 7,
      "text-wrap": "wrap", "text-max-width": 120, "text-background-color": "#fbfcfd", "text-background-opacity": 0.85,
      "text-background-padding": 1, "border-width": 2, "border-color": "#fff" } },
    { selector: "node[?focus]", style: { "border-color": "#e0a526", "border-width": 4 } },
    { selector: "edge", style: {
      "width": "data(width)", "curve-style": "bezier", "line-color": edgeColour, "target-arrow-color": edgeColour,
      "target-arrow-shape": function (e) { return e.data("directed") === false ? "none" : "triangle"; },
      "label": "data(label)", "font-size": 9, "color": "#4a525c", "text-rotation": "autorotate", "min-zoomed-font-size": 8,
      "text-background-color": "#fff", "text-background-opacity": 0.85, "text-background-padding": 1 } },
    { selector: "edge[polarity = 'denied']", style: { "line-style": "dashed" } },
    { selector: ".faded", style: { "opacity": 0.12, "text-opacity": 0 } },
    { selector: ".hidden-kind", style: { "display": "none" } },
    { selector: ":selected", style: { "overlay-opacity": 0.18, "overlay-color": "#e0a526" } }
  ];

  function line(parent, tag, text, href) {
    var el = document.createElement(href ? "a" : tag);
    if (href) { el.href = href; }
    el.textContent = text;
    parent.appendChild(el);
    return el;
  }

  function button(parent, text, act) {
    var b = line(parent, "button", text);
    b.type = "button";
    b.addEventListener("click", act);
    return b;
  }

  function nameOf(id) { var n = cy.getElementById("a" + id); return n.length ? n.data("label") : "actor " + id; }

  function showNode(node) {
    details.textContent = "";
    var head = line(details, "h3", "");
    line(head, "a", node.data("label"), node.data("href"));
    line(details, "p", node.data("kind") + " · " + node.data("degree") + " tied actor" + (node.data("degree") === 1 ? "" : "s") + " in this graph");
    var tools = line(details, "p", "");
    tools.className = "graph-tools";
    button(tools, "Focus", function () { focus(node); });
    button(tools, "Expand neighbours", function () { expand(node); });
    line(tools, "a", "Ego network", "/graph?actor=" + node.data("actor"));
    details.hidden = false;
  }

  function showEdge(edge) {
    details.textContent = "";
    var ties = edge.data("ties") || [];
    line(details, "h3", edge.source().data("label") + " — " + edge.target().data("label"));
    var list = line(details, "ul", "");
    list.className = "pair-ties";
    ties.forEach(function (t) {
      var item = line(list, "li", "");
      item.className = "pol-" + t.polarity;
      line(item, "a", nameOf(t.subject_id) + " " + t.label + " " + nameOf(t.object_id), t.href);
      line(item, "span", " · " + t.claims + " claim" + (t.claims === 1 ? "" : "s") + ", " + t.sources + " source" + (t.sources === 1 ? "" : "s") + ", " + t.polarity + ", " + t.grade);
    });
    if (ties.length > 1) { line(line(details, "p", ""), "a", "All " + ties.length + " in the ties table", edge.data("href")); }
    details.hidden = false;
  }

  function focus(node) {
    var near = node.closedNeighborhood();
    cy.elements().addClass("faded");
    near.removeClass("faded");
    cy.animate({ fit: { eles: near, padding: 60 } }, { duration: 250, complete: function () {
      if (cy.zoom() > 1.4) { cy.zoom(1.4); cy.center(near); }
    } });
    node.select();
  }

  function fit(eles) {  /* the whole graph (or `eles`) in view, never blown up past a readable size */
    cy.fit(eles, 30);
    if (cy.zoom() > 1.4) { cy.zoom(1.4); cy.center(eles); }
  }

  function clearFocus() { cy.elements().removeClass("faded"); fit(); }

  function expand(node) {
    var src = box.getAttribute("data-src").replace(/([?&])actor=\d+&?/, "$1").replace(/[?&]$/, "");
    var url = src + (src.indexOf("?") < 0 ? "?" : "&") + "actor=" + node.data("actor");
    say("Adding the neighbours of " + node.data("label") + "…");
    fetchJson(url).then(function (data) {
      var fresh = data.nodes.filter(function (n) { return cy.getElementById(n.data.id).empty(); });
      var centre = node.position(), step = 2 * Math.PI / Math.max(fresh.length, 1);
      fresh.forEach(function (n, i) {
        n.data.focus = false;
        n.position = { x: centre.x + 140 * Math.cos(i * step), y: centre.y + 140 * Math.sin(i * step) };
      });
      cy.add(fresh);
      cy.add(data.edges.filter(function (e) { return cy.getElementById(e.data.id).empty(); }));
      applyKinds();
      save();
      report(data.truncated, fresh.length + " added from " + node.data("label") + ". ");
      focus(node);
    }).catch(function (err) { say("Could not expand: " + err.message); });
  }

  function applyKinds() {
    document.querySelectorAll(".kind-toggles input[data-kind]").forEach(function (box) {
      var nodes = cy.nodes().filter(function (n) { return n.data("kind") === box.getAttribute("data-kind"); });
      if (box.checked) { nodes.removeClass("hidden-kind"); } else { nodes.addClass("hidden-kind"); }
    });
  }

  function find(text) {
    var wanted = text.trim().toLowerCase();
    if (!wanted) { return; }
    var nodes = cy.nodes().filter(function (n) { return n.data("label").toLowerCase() === wanted; });
    if (nodes.empty()) { nodes = cy.nodes().filter(function (n) { return n.data("label").toLowerCase().indexOf(wanted) >= 0; }); }
    if (nodes.empty()) { say("No actor named “" + text.trim() + "” in this graph: widen the filter, or search every document."); return; }
    cy.elements().unselect();
    focus(nodes[0]);
    showNode(nodes[0]);
  }

  function wire() {
    var names = document.getElementById("graph-names");
    if (names) { cy.nodes().forEach(function (n) { var o = document.createElement("option"); o.value = n.data("label"); names.appendChild(o); }); }
    var search = document.getElementById("graph-search");
    if (search) {
      search.addEventListener("change", function () { find(search.value); });
      search.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); find(search.value); } });
    }
    var on = function (id, act) { var el = document.getElementById(id); if (el) { el.addEventListener("click", act); } };
    on("graph-fit", function () { cy.stop(); fit(cy.elements().not(".hidden-kind")); });
    on("graph-clear", function () { clearFocus(); details.hidden = true; });
    on("graph-relayout", function () { layOut(true); fit(); });
    document.querySelectorAll(".kind-toggles input[data-kind]").forEach(function (b) { b.addEventListener("change", applyKinds); });
    cy.on("tap", "node", function (evt) { showNode(evt.target); });
    cy.on("tap", "edge", function (evt) { showEdge(evt.target); });
    cy.on("dbltap", "node, edge", function (evt) { go(evt.target.data("href")); });
    cy.on("dragfree", "node", save);
  }

  function report(truncated, prefix) {
    var pairs = cy.edges().length, ties = cy.edges().reduce(function (n, e) { return n + ((e.data("ties") || [1]).length); }, 0);
    var text = (prefix || "") + cy.nodes().length + " " + (box.getAttribute("data-nodes") || "actors") + ", " + ties + " " +
      (box.getAttribute("data-edges") || "ties") + (explorer && pairs !== ties ? " between " + pairs + " pairs" : "");
    if (truncated) { text += " (the newest only: narrow the filter to see the rest)"; }
    say(cy.edges().length ? text : (box.getAttribute("data-empty") || "No ties match this filter."));
  }

  function draw(data) {
    cy = cytoscape({ container: box, elements: { nodes: data.nodes, edges: data.edges }, wheelSensitivity: 0.3, maxZoom: 4, style: style,
                     layout: { name: "preset" }, textureOnViewport: data.nodes.length > 500, hideEdgesOnViewport: data.nodes.length > 500 });
    layOut(false);
    fit();
    if (explorer && details) { wire(); } else {
      cy.on("tap", "node, edge", function (evt) { go(evt.target.data("href")); });
    }
    cy.on("mouseover", "node, edge", function () { box.style.cursor = "pointer"; });
    cy.on("mouseout", "node, edge", function () { box.style.cursor = ""; });
    window.tiewatchGraph = cy;
    box.setAttribute("data-ready", "true");
    report(data.truncated);
  }

  function fetchJson(url) {
    return fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) { throw new Error(body.error || ("the server answered " + response.status)); }
        return body;
      });
    });
  }

  say("Loading the graph…");
  fetchJson(box.getAttribute("data-src")).then(draw)
    .catch(function (err) { say("The graph could not be loaded: " + err.message); box.setAttribute("data-ready", "error"); });
}());
