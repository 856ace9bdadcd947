/* The tie graph: fetch Cytoscape elements from the API, draw them, and make clicks navigate.
   Every element carries its own link (data.href): a node opens the actor's dossier, an edge its tie. */
(function () {
  "use strict";
  var box = document.getElementById("graph");
  if (!box || typeof cytoscape !== "function") { return; }
  var status = document.getElementById("graph-status");
  var colours = { asserted: "#2f6f9f", hedged: "#c08a1e", denied: "#b3403a", contested: "#7b4fa0" };
  var kinds = { channel: "#3b5b7a", group: "#24476b", person: "#3d7a5c", state: "#6b5a24", place: "#6c6f73", other: "#8a8f96" };

  function edgeColour(e) { return e.data("colour") || colours[e.data("polarity")] || colours.asserted; }

  function say(text) { if (status) { status.textContent = text; } }

  function draw(data) {
    var cy = cytoscape({
      container: box,
      elements: { nodes: data.nodes, edges: data.edges },
      wheelSensitivity: 0.3,
      style: [
        { selector: "node", style: {
          "background-color": function (n) { return kinds[n.data("kind")] || kinds.other; },
          "label": "data(label)", "width": "data(size)", "height": "data(size)",
          "font-size": 11, "color": "#1d232a", "text-valign": "bottom", "text-margin-y": 4,
          "text-wrap": "ellipsis", "text-max-width": 140, "border-width": 2, "border-color": "#fff" } },
        { selector: "node[?focus]", style: { "border-color": "#e0a526", "border-width": 4 } },
        { selector: "edge", style: {
          "width": "data(width)", "curve-style": "bezier", "target-arrow-shape": "triangle",
          "line-color": edgeColour, "target-arrow-color": edgeColour,
          "label": "data(label)", "font-size": 9, "color": "#4a525c", "text-rotation": "autorotate",
          "text-background-color": "#fff", "text-background-opacity": 0.8, "text-background-padding": 1 } },
        { selector: "edge[polarity = 'denied']", style: { "line-style": "dashed" } },
        { selector: ":selected", style: { "overlay-opacity": 0.15 } }
      ],
      layout: { name: data.nodes.length > 1 ? "cose" : "grid", animate: false, padding: 30, nodeRepulsion: 9000 }
    });
    cy.on("tap", "node, edge", function (evt) {
      var href = evt.target.data("href");
      if (href && href.charAt(0) === "/") { window.location.assign(href); }
    });
    cy.on("mouseover", "node, edge", function () { box.style.cursor = "pointer"; });
    cy.on("mouseout", "node, edge", function () { box.style.cursor = ""; });
    window.tiewatchGraph = cy;
    box.setAttribute("data-ready", "true");
    var text = data.nodes.length + " " + (box.getAttribute("data-nodes") || "actors") + ", " +
      data.edges.length + " " + (box.getAttribute("data-edges") || "ties");
    if (data.truncated) { text += " (the newest only: narrow the filter to see the rest)"; }
    say(data.edges.length ? text : (box.getAttribute("data-empty") || "No ties match this filter."));
  }

  say("Loading the graph…");
  fetch(box.getAttribute("data-src"), { credentials: "same-origin", headers: { "Accept": "application/json" } })
    .then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) { throw new Error(body.error || ("the server answered " + response.status)); }
        return body;
      });
    })
    .then(draw)
    .catch(function (err) { say("The graph could not be loaded: " + err.message); box.setAttribute("data-ready", "error"); });
}());
